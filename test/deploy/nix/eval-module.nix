# Evaluates nix/module.nix with stub-lib.nix and a given configuration, the way the NixOS
# module system would for these options, and returns what the module generates:
#   nix-instantiate --eval --strict --json test/deploy/nix/eval-module.nix \
#     --arg configuration '{ services.chezmoi-sync = { enable = true; users.alice = { }; }; }'
{ configuration, module ? ../../../nix/module.nix, autoUpgrade ? true }:
let
  lib = import ./stub-lib.nix;
  # The few packages the module refers to, as store-path stand-ins.
  pkgs = {
    openssh = { outPath = "/nix/store/00000000000000000000000000000000-openssh-10.0p2"; };
    # The package default: nix/package.nix cannot be built here, a stand-in path takes its place.
    callPackage = path: _: { outPath = "/nix/store/00000000000000000000000000000000-callPackage-${baseNameOf path}"; };
  };
  # NixOS options the module reads but does not declare.
  hostOptions = {
    system.autoUpgrade.enable = lib.mkOption { type = lib.types.bool; default = autoUpgrade; };
  };
  evaluated = import module { inherit config lib pkgs; };
  declared = evaluated.options // hostOptions;
  config = lib._eval.evalOptions "" declared configuration;
  out = lib._eval.resolve evaluated.config;
  generated = if out ? _type then { } else out;
in
{
  inherit (config.services) chezmoi-sync;
  systemd = {
    services = generated.systemd.services or { };
    timers = generated.systemd.timers or { };
    tmpfiles = generated.systemd.tmpfiles.rules or [ ];
  };
  systemPackages = map toString (generated.environment.systemPackages or [ ]);
  failedAssertions = map (a: a.message) (builtins.filter (a: !a.assertion) (generated.assertions or [ ]));
  warnings = generated.warnings or [ ];
  options = lib._eval.listOptions "" evaluated.options;
}
