# Evaluates flake.nix's outputs with a stand-in nixpkgs (none offline): which outputs exist,
# how the module gets its default package, and the VM test's shape.
#   nix-instantiate --eval --strict --json test/deploy/nix/eval-flake.nix
let
  flake = import ../../../flake.nix;
  stubLib = import ./stub-lib.nix;
  pkgsFor = system: {
    inherit system;
    callPackage = path: args: { outPath = "/nix/store/00000000000000000000000000000000-${baseNameOf path}-${system}"; inherit args; };
    testers.runNixOSTest = test: { nixosTest = test; };
    mkShell = args: { shell = map (p: p.name) args.packages; };
    nodejs.name = "nodejs";
    jujutsu.name = "jujutsu";
    git.name = "git";
    chezmoi.name = "chezmoi";
    stdenv.hostPlatform.system = system;
  };
  nixpkgs = {
    lib = stubLib // {
      genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
    };
    legacyPackages = nixpkgs.lib.genAttrs [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ] pkgsFor;
  };
  self = flake.outputs { inherit self nixpkgs; };
  vm = self.checks.x86_64-linux.vm.nixosTest;
  module = self.nixosModules.default { lib = nixpkgs.lib; pkgs = pkgsFor "aarch64-linux"; };
  machine = vm.nodes.machine { pkgs = { git = "git"; }; };
in
{
  outputs = builtins.attrNames self;
  packages = builtins.mapAttrs (_: builtins.attrNames) self.packages;
  package = toString self.packages.x86_64-linux.default;
  checks = builtins.mapAttrs (_: builtins.attrNames) self.checks;
  moduleImports = map toString module.imports;
  moduleDefaultPackage = {
    type = module.services.chezmoi-sync.package._type;
    path = toString module.services.chezmoi-sync.package.content;
  };
  vm = {
    inherit (vm) name;
    users = builtins.attrNames machine.services.chezmoi-sync.users;
    alice = builtins.removeAttrs machine.services.chezmoi-sync.users.alice [ "environment" ];
    hasTestScript = builtins.isString vm.testScript;
    # What the module makes of the VM's settings (the VM test asserts on these units).
    units =
      let
        evaluated = import ./eval-module.nix {
          autoUpgrade = false;
          configuration.services.chezmoi-sync = machine.services.chezmoi-sync // { package = { outPath = "/p"; }; };
        };
      in
      { services = builtins.attrNames evaluated.systemd.services; timers = builtins.attrNames evaluated.systemd.timers; };
  };
  devShell = self.devShells.x86_64-linux.default.shell;
}
