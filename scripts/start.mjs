// `npm start`: runs Kassenwart from a bundle of its TypeScript (dist/node.mjs), rebuilt with
// esbuild whenever a source file is newer. Importing one bundle takes ~0.7 s; transforming the
// sources on the fly with tsx took ~2 s of every start (docs/benchmarks.md, cold start).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'node.mjs');

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else if (/\.(ts|tsx)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export async function ensureBundle() {
  const sources = Math.max(...['api', 'db', 'web', 'templates'].map((d) => newestSource(join(root, d))), statSync(join(root, 'package.json')).mtimeMs);
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return bundle;
  const { build } = await import('esbuild'); // only when the bundle is stale
  await build({
    entryPoints: [join(root, 'api', 'node.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // node_modules stay where they are (PGlite loads its files relative to itself)
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: true,
    logLevel: 'warning',
  });
  return bundle;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = await ensureBundle();
  const { main } = await import(pathToFileURL(file).href);
  await main();
}
