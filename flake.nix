{
  description = "chezmoi-sync: keep a chezmoi dotfiles repository in sync across machines, unattended";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
      linux = [ "x86_64-linux" "aarch64-linux" ];
    in
    {
      packages = forAllSystems (pkgs: rec {
        chezmoi-sync = pkgs.callPackage ./nix/package.nix { };
        default = chezmoi-sync;
      });

      # The module, with this flake's package as the default `package`.
      nixosModules.default = { lib, pkgs, ... }: {
        imports = [ ./nix/module.nix ];
        services.chezmoi-sync.package = lib.mkDefault self.packages.${pkgs.stdenv.hostPlatform.system}.default;
      };
      nixosModules.chezmoi-sync = self.nixosModules.default;

      overlays.default = final: _prev: { chezmoi-sync = final.callPackage ./nix/package.nix { }; };

      # `nix flake check` on a Linux machine with KVM: builds the package and runs the VM test.
      checks = nixpkgs.lib.genAttrs linux (system:
        let pkgs = nixpkgs.legacyPackages.${system}; in {
          package = self.packages.${system}.default;
          vm = pkgs.testers.runNixOSTest (import ./nix/tests/vm.nix { module = self.nixosModules.default; });
        });

      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell { packages = [ pkgs.nodejs pkgs.jujutsu pkgs.git pkgs.chezmoi ]; };
      });
    };
}
