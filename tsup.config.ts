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
    banner: { js: '#!/usr/bin/env node' },
    // Runtime deps stay external: they are installed with the package, and bundling
    // CommonJS simple-git into ESM breaks its dynamic requires.
  },
]);
