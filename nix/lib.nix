# The unit-generation core of the NixOS module: pure functions of plain values, written with
# builtins only so that they evaluate without nixpkgs (test/deploy evaluates them with
# `nix-instantiate --eval --strict --json`). The module maps their output onto
# `systemd.services` / `systemd.timers` / `systemd.tmpfiles.rules`.
let
  inherit (builtins) attrNames concatStringsSep filter listToAttrs map match replaceStrings substring stringLength toJSON;

  optional = cond: x: if cond then [ x ] else [ ];
  optionalAttrs = cond: set: if cond then set else { };
  hasPrefix = prefix: s: substring 0 (stringLength prefix) s == prefix;
  removePrefix = prefix: s: substring (stringLength prefix) (stringLength s) s;

  # systemd's own quoting for one ExecStart word (no shell runs it): a JSON string is a valid
  # C-style quoted word; `%` (specifiers) is doubled to stay literal, and so is `$` in arguments
  # (variables are expanded there, not in the executable's path).
  escapeExecArg = arg: replaceStrings [ "%" "$" ] [ "%%" "$$" ] (toJSON arg);
  escapeExecutable = path: replaceStrings [ "%" ] [ "%%" ] (toJSON path);

  # Git runs GIT_SSH_COMMAND through `sh -c`: a key path is quoted for sh.
  shellQuote = s: "'" + replaceStrings [ "'" ] [ "'\\''" ] s + "'";

  # Time spans accepted by OnUnitInactiveSec= (systemd.time(7)), e.g. "1h", "30min", "1h 30min".
  timeSpanRe = "([0-9]+ ?(us|ms|s|sec|second|seconds|m|min|minute|minutes|h|hr|hour|hours|d|day|days|w|week|weeks|M|month|months|y|year|years)? ?)+";
in
rec {
  inherit escapeExecArg escapeExecutable shellQuote;

  /** One ExecStart= line from an argv list (its head is the executable). */
  execLine = argv: concatStringsSep " " ([ (escapeExecutable (builtins.head argv)) ] ++ map escapeExecArg (builtins.tail argv));

  /** Whether a string is a systemd time span. */
  isTimeSpan = s: match timeSpanRe s != null;

  /** Whether a string is a duration `chezmoi-sync watch` reads (`500ms`, `2s`, `5m`, `1h`). */
  isDuration = s: match "[0-9]+(\\.[0-9]+)?(ms|s|m|h)?" s != null && match "[0.]+(ms|s|m|h)?" s == null;

  /** Whether a name is safe inside a unit name (`chezmoi-sync-<name>.service`). */
  isUnitNamePart = s: match "[A-Za-z0-9_][A-Za-z0-9_.-]*" s != null;

  /** The unit names for one configured user. */
  unitNames = name: {
    service = "chezmoi-sync-${name}";
    preUpgrade = "chezmoi-sync-pre-upgrade-${name}";
    timer = "chezmoi-sync-${name}";
    watch = "chezmoi-sync-watch-${name}";
  };

  /**
    The `chezmoi-sync sync` arguments for one user's settings. Values use the `--flag=value`
    form so that a value can never be read as another option.
  */
  syncArgs = s:
    [ "sync" ]
    ++ optional (s.repoUrl != null) "--repo-url=${s.repoUrl}"
    ++ optional (s.sourceDir != null) "--source=${s.sourceDir}"
    ++ optional (s.backend != "auto") "--backend=${s.backend}"
    ++ optional (s.host != null) "--host=${s.host}"
    ++ optional (s.stateDir != null) "--state-dir=${s.stateDir}"
    ++ optional (s.notifyCommand != null) "--notify-command=${s.notifyCommand}"
    ++ optional (!s.autoCommit) "--no-commit"
    ++ optional (!s.autoPush) "--no-push"
    ++ optional (!s.apply) "--no-apply"
    ++ optional (s.holdCode or false) "--hold-code"
    ++ optional ((s.allowProtocols or null) != null) "--allow-protocols=${s.allowProtocols}"
    ++ s.extraArgs;

  /** The long-running `chezmoi-sync watch` arguments: the same settings as `sync`, then its own. */
  watchArgs = s:
    [ "watch" ]
    ++ builtins.tail (syncArgs s)
    ++ optional ((s.debounce or null) != null) "--debounce=${s.debounce}"
    ++ optional ((s.fetchInterval or null) != null) "--fetch-interval=${s.fetchInterval}";

  /**
    The service environment: SSH authentication for the fetches and pushes (git runs
    GIT_SSH_COMMAND; BatchMode makes ssh fail at once instead of waiting for a prompt), no
    credential prompts, then the user's own variables. Without a key file, the user's own ssh
    setup (~/.ssh/config, git's core.sshCommand) is left alone.
  */
  environment = { s, sshBin }:
    # Small V8 semi-spaces: a lower memory peak for every sync (src/deploy/user-units.ts).
    { GIT_TERMINAL_PROMPT = "0"; NODE_OPTIONS = "--max-semi-space-size=1"; }
    // optionalAttrs (s.sshKeyFile != null) {
      GIT_SSH_COMMAND = concatStringsSep " " [ sshBin "-i" (shellQuote s.sshKeyFile) "-o" "IdentitiesOnly=yes" "-o" "BatchMode=yes" ];
    }
    // optionalAttrs (s.sshAuthSock != null) { SSH_AUTH_SOCK = s.sshAuthSock; }
    // s.environment;

  /**
    Everything one user gets, in the NixOS `systemd.services` schema:
    { services, timers, tmpfiles }. `bin` is the absolute path of the chezmoi-sync binary.
  */
  unitsFor = { name, s, bin, sshBin }:
    let
      names = unitNames name;
      underVarLib = s.stateDir != null && hasPrefix "/var/lib/" s.stateDir;
      service = description: extra: {
        inherit description;
        wants = [ "network-online.target" ];
        after = [ "network-online.target" ];
        environment = environment { inherit s sshBin; };
        # A sync in progress is never interrupted by `nixos-rebuild switch`.
        restartIfChanged = false;
        serviceConfig = {
          Type = "oneshot";
          User = s.user;
          ExecStart = execLine ([ bin ] ++ syncArgs s);
          # A oneshot has no start timeout by default: bound it so a hung remote cannot hold up
          # the upgrade that waits for this unit.
          TimeoutStartSec = s.timeout;
          Nice = 10;
          IOSchedulingClass = "idle";
          NoNewPrivileges = true;
        }
        # /var/lib/chezmoi-sync/<user>, created by systemd and owned by the service user.
        // optionalAttrs underVarLib {
          StateDirectory = removePrefix "/var/lib/" s.stateDir;
          StateDirectoryMode = "0700";
        };
      } // extra;
    in
    {
      services =
        { ${names.service} = service "chezmoi-sync for ${s.user} (manual run${if s.interval != null then " and timer" else ""})" { }; }
        // optionalAttrs s.syncBeforeUpdate {
          # Wanted (not required) by the upgrade and ordered before it: the upgrade waits for
          # the sync to finish, and starts whatever its result.
          ${names.preUpgrade} = service "chezmoi-sync for ${s.user} before the automatic NixOS upgrade" {
            before = [ "nixos-upgrade.service" ];
            wantedBy = [ "nixos-upgrade.service" ];
          };
        }
        // optionalAttrs (s.watch or false) {
          # Long-running: stopped by SIGTERM after the sync in progress (exit 0); a fatal error
          # (source dir gone, tool missing) exits non-zero and is retried by Restart=.
          ${names.watch} =
            let base = service "chezmoi-sync for ${s.user}, syncing as files change" { wantedBy = [ "multi-user.target" ]; };
            in base // {
              restartIfChanged = true;
              serviceConfig = builtins.removeAttrs base.serviceConfig [ "TimeoutStartSec" ] // {
                Type = "exec";
                ExecStart = execLine ([ bin ] ++ watchArgs s);
                Restart = "on-failure";
                RestartSec = "30s";
                # SIGTERM to the watcher alone, not to the tools of the sync it finishes first.
                KillMode = "mixed";
                TimeoutStopSec = s.timeout;
              };
            };
        };
      timers = optionalAttrs (s.interval != null) {
        ${names.timer} = {
          description = "chezmoi-sync for ${s.user} every ${s.interval}";
          wantedBy = [ "timers.target" ];
          timerConfig = {
            OnBootSec = "5min";
            OnUnitInactiveSec = s.interval;
            RandomizedDelaySec = s.randomizedDelay;
            Unit = "${names.service}.service";
          };
        };
      };
      # A state dir outside /var/lib: created for the user; its parents stay root's.
      tmpfiles = optional (s.stateDir != null && !underVarLib) "d ${s.stateDir} 0700 ${s.user} - - -";
    };

  /** Merges `unitsFor` over all users: { services, timers, tmpfiles }. */
  allUnits = { users, bin, sshBin }:
    let
      parts = map (name: unitsFor { inherit name bin sshBin; s = users.${name}; }) (attrNames users);
      mergeAttrs = key: builtins.foldl' (acc: p: acc // p.${key}) { } parts;
    in
    {
      services = mergeAttrs "services";
      timers = mergeAttrs "timers";
      tmpfiles = builtins.concatLists (map (p: p.tmpfiles) parts);
    };

  /** Users whose settings are enabled. */
  enabledUsers = users: listToAttrs (map (n: { name = n; value = users.${n}; }) (filter (n: users.${n}.enable) (attrNames users)));
}
