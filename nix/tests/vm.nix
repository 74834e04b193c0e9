# NixOS VM test (runNixOSTest), for machines with Nix and KVM:
#   nix build .#checks.x86_64-linux.vm -L
# Two users with their own remotes; alice has a timer and syncs before the upgrade, bob syncs
# by hand only. A stand-in nixos-upgrade.service checks the ordering and that a failing
# pre-upgrade sync does not fail the upgrade. Not run on the project's CI (no Nix, no KVM).
{ module }:
let
  identity = user: {
    JJ_USER = user;
    JJ_EMAIL = "${user}@example.test";
    GIT_AUTHOR_NAME = user;
    GIT_AUTHOR_EMAIL = "${user}@example.test";
    GIT_COMMITTER_NAME = user;
    GIT_COMMITTER_EMAIL = "${user}@example.test";
  };
in
{
  name = "chezmoi-sync";

  nodes.machine = { pkgs, ... }: {
    imports = [ module ];
    users.users.alice = { isNormalUser = true; };
    users.users.bob = { isNormalUser = true; };
    environment.systemPackages = [ pkgs.git ];

    services.chezmoi-sync = {
      enable = true;
      users.alice = {
        repoUrl = "/srv/alice.git";
        syncBeforeUpdate = true;
        interval = "1h";
        host = "vm";
        stateDir = "/var/lib/chezmoi-sync/alice";
        environment = identity "alice";
      };
      users.bob = {
        repoUrl = "/srv/bob.git";
        autoPush = false;
        host = "vm";
        environment = identity "bob";
      };
    };

    # Stands in for system.autoUpgrade's unit (a real upgrade needs the network).
    systemd.services.nixos-upgrade = {
      serviceConfig.Type = "oneshot";
      script = "echo upgrading";
    };
  };

  testScript = ''
    machine.wait_for_unit("multi-user.target")

    def seed(user):
        machine.succeed(
            f"install -d -o {user} /srv/{user}.git /tmp/{user}-seed",
            f"runuser -u {user} -- git init -q --bare -b main /srv/{user}.git",
            f"runuser -u {user} -- git -C /tmp/{user}-seed init -q -b main",
            f"runuser -u {user} -- sh -c 'echo \"# {user} bashrc\" > /tmp/{user}-seed/dot_bashrc'",
            f"runuser -u {user} -- git -C /tmp/{user}-seed add dot_bashrc",
            f"runuser -u {user} -- git -C /tmp/{user}-seed -c user.name={user} -c user.email={user}@example.test commit -q -m seed",
            f"runuser -u {user} -- git -C /tmp/{user}-seed push -q /srv/{user}.git main",
        )

    seed("alice")
    seed("bob")

    with subtest("units: names, users, timer only where an interval is set"):
        machine.succeed("systemctl cat chezmoi-sync-alice.service | grep -q '^User=alice'")
        machine.succeed("systemctl cat chezmoi-sync-bob.service | grep -q '^User=bob'")
        machine.succeed("systemctl cat chezmoi-sync-bob.service | grep -q -- '--no-push'")
        machine.succeed("systemctl list-timers --all | grep -q chezmoi-sync-alice.timer")
        machine.fail("systemctl cat chezmoi-sync-bob.timer")
        machine.fail("systemctl cat chezmoi-sync-pre-upgrade-bob.service")
        machine.succeed("systemctl show -p Before chezmoi-sync-pre-upgrade-alice.service | grep -q nixos-upgrade.service")

    with subtest("a manual run clones, applies, and keeps state where the user can write"):
        machine.succeed("systemctl start chezmoi-sync-alice.service")
        machine.succeed("grep -q 'alice bashrc' /home/alice/.bashrc")
        machine.succeed("test \"$(stat -c %U /var/lib/chezmoi-sync/alice)\" = alice")
        machine.succeed("test -s /var/lib/chezmoi-sync/alice/last-sync-status")
        machine.succeed("systemctl start chezmoi-sync-bob.service")
        machine.succeed("grep -q 'bob bashrc' /home/bob/.bashrc")
        machine.succeed("test -s /home/bob/.local/state/chezmoi-sync/last-sync-status")

    with subtest("a home edit is captured and pushed by the next run"):
        machine.succeed("runuser -u alice -- sh -c 'echo \"alias ll=ls\" >> /home/alice/.bashrc'")
        machine.succeed("systemctl start chezmoi-sync-alice.service")
        machine.succeed("runuser -u alice -- git -C /srv/alice.git show main:dot_bashrc | grep -q 'alias ll=ls'")

    with subtest("the pre-upgrade sync runs first, and its failure does not fail the upgrade"):
        machine.succeed("systemctl start nixos-upgrade.service")
        machine.succeed("test \"$(systemctl show -p Result --value chezmoi-sync-pre-upgrade-alice.service)\" = success")
        machine.succeed("mv /srv/alice.git /srv/alice-moved.git")
        machine.succeed("systemctl start nixos-upgrade.service")
        pre = int(machine.succeed("systemctl show -p ExecMainExitTimestampMonotonic --value chezmoi-sync-pre-upgrade-alice.service"))
        up = int(machine.succeed("systemctl show -p ExecMainStartTimestampMonotonic --value nixos-upgrade.service"))
        assert 0 < pre <= up, f"pre-upgrade sync ended at {pre}, upgrade started at {up}"
  '';
}
