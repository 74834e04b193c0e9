# The chezmoi-sync package, built from this repository with buildNpmPackage (`npm run build`
# makes dist/). The three commands are wrapped so that jj, git and chezmoi come from nixpkgs by
# store path (CHEZMOI_SYNC_JJ / _GIT / _CHEZMOI, still overridable), and git and ssh are on PATH
# for the fetches and pushes jj runs.
{
  lib,
  buildNpmPackage,
  # nixpkgs >= 24.05; older ones need npmDepsHash.
  importNpmLock ? null,
  nodejs,
  makeWrapper,
  jujutsu,
  git,
  chezmoi,
  openssh,
  # A fixed-output hash of the npm dependencies; null reads them from package-lock.json instead
  # (importNpmLock, nixpkgs >= 24.05), which needs no hash.
  npmDepsHash ? null,
}:
let
  packageJson = lib.importJSON ../package.json;
  # The repository without what a checkout may carry that the build must not see.
  src = lib.cleanSourceWith {
    src = ../.;
    filter = path: type:
      let base = baseNameOf path;
      in !(builtins.elem base [ "node_modules" "dist" ".tools" ".git" "coverage" "result" ".vitest-cache" ]);
  };
  commands = builtins.attrNames packageJson.bin;
in
buildNpmPackage ({
  pname = packageJson.name;
  inherit (packageJson) version;
  inherit src nodejs;
  nativeBuildInputs = [ makeWrapper ];
  # `npm run build` (tsup) writes dist/; tests need jj/git/chezmoi and run in scripts/check.
  npmBuildScript = "build";

  # The CLI picks its behaviour from the name it was invoked as (argv[1]): each command gets
  # its own symlink to dist/cli/cli.js and a wrapper that runs node on it.
  postInstall = ''
    lib=$out/lib/node_modules/${packageJson.name}
    mkdir -p $out/libexec/${packageJson.name}
    for cmd in ${lib.escapeShellArgs commands}; do
      rm -f "$out/bin/$cmd"
      ln -s "$lib/dist/cli/cli.js" "$out/libexec/${packageJson.name}/$cmd"
      makeWrapper ${lib.getExe nodejs} "$out/bin/$cmd" \
        --add-flags "$out/libexec/${packageJson.name}/$cmd" \
        --set-default CHEZMOI_SYNC_JJ ${lib.getExe' jujutsu "jj"} \
        --set-default CHEZMOI_SYNC_GIT ${lib.getExe git} \
        --set-default CHEZMOI_SYNC_CHEZMOI ${lib.getExe chezmoi} \
        --prefix PATH : ${lib.makeBinPath [ git openssh ]}
    done
  '';

  meta = {
    description = packageJson.description;
    license = lib.licenses.mit;
    mainProgram = "chezmoi-sync";
    platforms = lib.platforms.unix;
  };
} // (if npmDepsHash != null then { inherit npmDepsHash; }
  else if importNpmLock == null then throw "chezmoi-sync: this nixpkgs has no importNpmLock; pass npmDepsHash (see docs/deploy.md)"
  else {
  npmDeps = importNpmLock { npmRoot = src; };
  npmConfigHook = importNpmLock.npmConfigHook;
}))
