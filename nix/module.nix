# NixOS module: chezmoi-sync for one or more users, run as each user, from a timer, by hand
# and before the automatic upgrade. Options and meanings of the seed plan are kept (enable,
# repoUrl, syncBeforeUpdate, autoCommit, autoPush); the top-level settings are the defaults of
# every `users.<name>` entry. See docs/deploy.md.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types literalExpression;
  cfg = config.services.chezmoi-sync;
  units = import ./lib.nix;
  users = units.enabledUsers cfg.users;
  generated = units.allUnits {
    inherit users;
    bin = "${cfg.package}/bin/chezmoi-sync";
    sshBin = "${pkgs.openssh}/bin/ssh";
  };

  # Settings a user entry inherits from the top level unless it sets its own.
  shared = {
    repoUrl = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "git@github.com:alice/dotfiles.git";
      description = "Dotfiles repository: cloned when the source dir is missing, and must match its remote otherwise (`--repo-url`).";
    };
    sourceDir = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "/home/alice/.local/share/chezmoi";
      description = "chezmoi source dir (`--source`); null: chezmoi's own (`chezmoi source-path`).";
    };
    watch = mkOption {
      type = types.bool;
      default = false;
      description = "Also run `chezmoi-sync watch` as a long-running service: it syncs seconds after a managed file or the source dir changes, and every `fetchInterval`. The timer and the pre-upgrade service stay; all share one lock.";
    };
    debounce = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "500ms";
      description = "`watch`: quiet time after the last change before a sync (`--debounce`, e.g. `500ms`, `2s`); null: 2s.";
    };
    fetchInterval = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "1m";
      description = "`watch`: how often to fetch and sync without a local change (`--fetch-interval`, e.g. `30s`, `5m`); null: 5m.";
    };
    syncBeforeUpdate = mkOption {
      type = types.bool;
      default = false;
      description = "Sync before `system.autoUpgrade` runs (a service ordered before and wanted by nixos-upgrade.service; it never fails the upgrade).";
    };
    autoCommit = mkOption {
      type = types.bool;
      default = true;
      description = "Capture and commit local edits (false: `--no-commit`).";
    };
    autoPush = mkOption {
      type = types.bool;
      default = true;
      description = "Publish the integrated result to the remote (false: `--no-push`).";
    };
    apply = mkOption {
      type = types.bool;
      default = true;
      description = "Apply incoming changes to the home directory (false: `--no-apply`).";
    };
    holdCode = mkOption {
      type = types.bool;
      default = false;
      description = "Hold back incoming `modify_` scripts and templates calling command-running functions (`output`, …) until `chezmoi-sync apply` (`--hold-code`).";
    };
    allowProtocols = mkOption {
      type = types.nullOr (types.strMatching "[a-z][a-z0-9+.-]*(:[a-z][a-z0-9+.-]*)*");
      default = null;
      example = "file:git:ssh:http:https";
      description = "git transports allowed (`--allow-protocols`); null: file:git:ssh:http:https.";
    };
    interval = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "1h";
      description = "Run every this long (a systemd time span, e.g. `30min`, `1h`), first 5 min after boot; null: no timer.";
    };
    randomizedDelay = mkOption {
      type = types.str;
      default = "2min";
      description = "`RandomizedDelaySec=` of the timer, so that many machines do not push at the same second.";
    };
    notifyCommand = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "notify-send chezmoi-sync";
      description = "Command run (no shell) when a conflict is preserved (`--notify-command`).";
    };
    extraArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "--verbose" ];
      description = "More `chezmoi-sync sync` arguments, appended as they are.";
    };
    backend = mkOption {
      type = types.enum [ "auto" "jj" "git" ];
      default = "auto";
      description = "VCS engine (`--backend`): jj when usable, else git.";
    };
    sshKeyFile = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "/home/alice/.ssh/id_ed25519_dotfiles";
      description = "Private key for the remote, readable by the user and without a passphrase (exported as GIT_SSH_COMMAND=ssh -i KEY).";
    };
    sshAuthSock = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "/run/user/1000/gnupg/S.gpg-agent.ssh";
      description = "SSH agent socket for the service (exported as SSH_AUTH_SOCK); the agent must be running when the service runs.";
    };
    timeout = mkOption {
      type = types.str;
      default = "15min";
      description = "`TimeoutStartSec=` of each run: a hung remote cannot hold up the upgrade for longer.";
    };
  };

  userModule = { name, ... }: {
    options = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Whether to sync for this user.";
      };
      user = mkOption {
        type = types.str;
        default = name;
        defaultText = literalExpression "<name>";
        description = "The account the services run as (its HOME, chezmoi config and SSH setup are used).";
      };
      host = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "This machine's name in commits and conflict branches (`--host`); null: the host name.";
      };
      stateDir = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "/var/lib/chezmoi-sync/alice";
        description = "Where the run's state lives (`--state-dir`); null: the user's own `$XDG_STATE_HOME/chezmoi-sync`, which `chezmoi-status` reads. A path under /var/lib becomes a `StateDirectory=` owned by the user.";
      };
      environment = mkOption {
        type = types.attrsOf types.str;
        default = { };
        description = "More environment variables for this user's services.";
      };
    } // lib.mapAttrs (n: opt: opt // { default = cfg.${n}; defaultText = literalExpression "config.services.chezmoi-sync.${n}"; }) shared;
  };

  check = cond: message: { assertion = cond; inherit message; };
  perUser = f: lib.mapAttrsToList f users;
in
{
  options.services.chezmoi-sync = shared // {
    enable = mkEnableOption "chezmoi-sync, unattended sync of chezmoi dotfiles repositories";
    package = mkOption {
      type = types.package;
      default = pkgs.callPackage ./package.nix { };
      defaultText = literalExpression "pkgs.callPackage ./nix/package.nix { }";
      description = "The chezmoi-sync package (its wrapper points at jj, git and chezmoi from nixpkgs).";
    };
    users = mkOption {
      type = types.attrsOf (types.submodule userModule);
      default = { };
      example = literalExpression ''{ alice = { syncBeforeUpdate = true; interval = "1h"; }; }'';
      description = "The users to sync for, each with their own settings (top-level settings are the defaults).";
    };
  };

  config = mkIf cfg.enable {
    assertions =
      [ (check (users != { }) "services.chezmoi-sync.enable is set but services.chezmoi-sync.users names no (enabled) user") ]
      ++ perUser (n: s: check (units.isUnitNamePart n) "services.chezmoi-sync.users.${n}: the name must be letters, digits, '_', '.' or '-' (it is part of unit names)")
      ++ perUser (n: s: check (s.interval == null || units.isTimeSpan s.interval) "services.chezmoi-sync.users.${n}.interval: ${builtins.toJSON s.interval} is not a systemd time span such as \"1h\" or \"30min\"")
      ++ perUser (n: s: check (s.debounce == null || units.isDuration s.debounce) "services.chezmoi-sync.users.${n}.debounce: ${builtins.toJSON s.debounce} is not a duration such as \"500ms\" or \"2s\"")
      ++ perUser (n: s: check (s.fetchInterval == null || units.isDuration s.fetchInterval) "services.chezmoi-sync.users.${n}.fetchInterval: ${builtins.toJSON s.fetchInterval} is not a duration such as \"30s\" or \"5m\"")
      ++ perUser (n: s: check (s.stateDir == null || builtins.match "/[^[:space:]]*" s.stateDir != null) "services.chezmoi-sync.users.${n}.stateDir must be an absolute path without spaces")
      ++ perUser (n: s: check (s.repoUrl == null || builtins.substring 0 1 s.repoUrl != "-") "services.chezmoi-sync.users.${n}.repoUrl must not start with '-'");
    warnings = lib.optional
      (lib.any (s: s.syncBeforeUpdate) (lib.attrValues users) && !config.system.autoUpgrade.enable)
      "services.chezmoi-sync: syncBeforeUpdate runs before nixos-upgrade.service, which only exists with system.autoUpgrade.enable = true";

    environment.systemPackages = [ cfg.package ];
    systemd.services = generated.services;
    systemd.timers = generated.timers;
    systemd.tmpfiles.rules = generated.tmpfiles;
  };
}
