#!/usr/bin/env node
// Bundles the leasekit action (src/action/index.ts and everything it imports, node_modules
// included) into one committed file, action/dist/index.js: the runner installs no packages for
// a JavaScript action. esbuild, because it is fast enough to rebuild inside a test (which checks
// that the committed bundle is current) and its output is byte-for-byte deterministic.
//
//   npm run build:action                 writes action/dist/index.js
//   node scripts/build-action.mjs --out FILE   writes elsewhere (the test's fresh build)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_OUT = path.join(ROOT, 'action/dist/index.js');

// src/repo/schemas.ts and src/github/artifact.ts load CommonJS ajv through a local
// `const require = createRequire(import.meta.url)`, which a bundler cannot follow: without that
// line their require() calls are plain ones, and esbuild bundles what they name.
const LOCAL_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;
const bundleLocalRequires = {
  name: 'bundle-local-requires',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replace(LOCAL_REQUIRE, '// (createRequire removed by scripts/build-action.mjs)'), loader: 'ts' };
    });
  },
};

export async function buildAction(outfile = DEFAULT_OUT) {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/action/index.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // CommonJS packages inside an ESM bundle still need a require for node's built-ins
    banner: { js: "import { createRequire as __leasekitCreateRequire } from 'node:module';\nconst require = __leasekitCreateRequire(import.meta.url);" },
    plugins: [bundleLocalRequires],
    // PDF letters (leasekit loa) load pdfkit on demand; the action never writes them, and pdfkit
    // would more than double the bundle and reads its font metrics from its own folder
    external: ['pdfkit'],
    logLevel: 'warning',
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const i = process.argv.indexOf('--out');
  await buildAction(i > 0 ? path.resolve(process.argv[i + 1]) : DEFAULT_OUT);
}
