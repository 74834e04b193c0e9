import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const define = { __VERSION__: JSON.stringify(version) };

// Two builds: the library (ESM + CJS + types, tree-shakeable) and one bundled CLI.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    define,
    splitting: false,
  },
  {
    // The bin entry: `--version`, then the bundle below through V8's code cache (src/cli/code-cache.ts).
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    define,
    // code-cache.ts becomes a chunk: `--version` loads none of the modules it needs.
    splitting: true,
    outDir: 'dist/cli',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The CLI's body, one CommonJS file: V8 can cache the compiled code of a classic script, not of
    // an ES module (Node 20), and with the cache, one file costs less than many chunks.
    // execa is bundled: imported from node_modules it costs several times more (module resolution
    // and loading of its ~100 files). neverthrow (CommonJS in node_modules) and smol-toml (ten
    // files) are bundled too. simple-git stays external: it is installed with the package, and it
    // is loaded only where the git backend runs.
    entry: { run: 'src/cli/run.ts' },
    format: ['cjs'],
    target: 'node20',
    platform: 'node',
    define,
    splitting: false,
    outDir: 'dist/cli',
    noExternal: ['execa', 'neverthrow', 'smol-toml'],
  },
]);
