# Evaluates nix/package.nix with stand-ins for nixpkgs (none offline): buildNpmPackage returns
# its arguments, packages are store-path stand-ins, and lib has the few functions the file uses.
#   nix-instantiate --eval --strict --json test/deploy/nix/eval-package.nix --arg npmDepsHash null
{ npmDepsHash ? null, nodeExe ? null }:
let
  inherit (builtins) concatStringsSep replaceStrings;
  drv = name: bin: { outPath = "/nix/store/00000000000000000000000000000000-${name}"; meta.mainProgram = bin; pname = name; };
  escapeShellArg = s: "'" + replaceStrings [ "'" ] [ "'\\''" ] s + "'";
  lib = {
    importJSON = f: builtins.fromJSON (builtins.readFile f);
    cleanSourceWith = { src, filter }: { outPath = "/nix/store/00000000000000000000000000000000-source"; inherit filter; };
    escapeShellArgs = args: concatStringsSep " " (map escapeShellArg args);
    getExe = p: "${p}/bin/${p.meta.mainProgram}";
    getExe' = p: name: "${p}/bin/${name}";
    makeBinPath = ps: concatStringsSep ":" (map (p: "${p}/bin") ps);
    licenses.mit = "MIT";
    platforms.unix = [ "x86_64-linux" ];
  };
  importNpmLock = {
    __functor = _: args: { importNpmLock = { npmRoot = toString args.npmRoot; }; };
    npmConfigHook = "importNpmLock.npmConfigHook";
  };
  built = import ../../../nix/package.nix {
    inherit lib importNpmLock npmDepsHash;
    buildNpmPackage = args: args;
    # A real node (…/bin/node) when the wrappers are to be run, else a stand-in.
    nodejs = if nodeExe == null then drv "nodejs-22" "node" else { outPath = dirOf (dirOf nodeExe); meta.mainProgram = baseNameOf nodeExe; };
    makeWrapper = drv "make-wrapper-hook" "makeWrapper";
    jujutsu = drv "jujutsu-0.46.0" "jj";
    git = drv "git-2.51.0" "git";
    chezmoi = drv "chezmoi-2.73.3" "chezmoi";
    openssh = drv "openssh-10.0p2" "ssh";
  };
in
builtins.removeAttrs built [ "src" "nativeBuildInputs" "nodejs" ] // {
  # What the source filter keeps, for a few paths.
  kept = map (p: { path = p; keep = built.src.filter p "directory"; }) [ "/r/node_modules" "/r/dist" "/r/.tools" "/r/.git" "/r/src" "/r/nix" ];
}
