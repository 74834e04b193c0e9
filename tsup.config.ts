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
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    define,
    // Lazy command modules become chunks, so `--version` loads almost nothing.
    splitting: true,
    outDir: 'dist/cli',
    // execa is bundled: imported from node_modules it costs several times more (module resolution
    // and loading of its ~100 files). Its CommonJS dependencies (cross-spawn) call `require`, which
    // an ES module lacks, so every chunk gets one from createRequire. The shebang stays first.
    // neverthrow (CommonJS in node_modules, parsed by Node's CJS lexer on import) and smol-toml
    // (ten files) are bundled too: 15 ms less CPU before a sync's first tool (140 → 125 ms, median of 15).
    noExternal: ['execa', 'neverthrow', 'smol-toml'],
    banner: {
      js: ['#!/usr/bin/env node', "import { createRequire as __cliCreateRequire } from 'node:module';", 'const require = __cliCreateRequire(import.meta.url);'].join('\n'),
    },
    // The other runtime deps stay external: they are installed with the package, and bundling
    // CommonJS simple-git into ESM breaks its dynamic requires.
  },
]);
