// `npm start`: runs Kassenwart from an esbuild bundle of its TypeScript (dist/node.mjs), rebuilt
// whenever a source file, the build settings or the installed packages are newer.
//
// Where the start-up time goes and why it is built this way: docs/benchmarks.md, "Cold start".
// In short: loading ~500 separate ESM files of node_modules (kysely, zod, …) cost ~0.25 s of every
// start, so the bundle includes the packages too; PGlite's WebAssembly is read and compiled in the
// background (dist/pglite-artifacts.mjs) while the main thread parses the bundle.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const bundle = join(dist, 'node.mjs');
const artifactsBundle = join(dist, 'pglite-artifacts.mjs');

// Packages that stay in node_modules whatever the scan below says: PGlite loads pglite.wasm and
// pglite.data from beside its own file.
const ALWAYS_EXTERNAL = ['@electric-sql/pglite'];
// A package that finds files relative to itself breaks when its code moves into dist/. Such
// packages (and everything they import, so no package exists twice, once bundled and once not)
// are left external automatically.
const SELF_LOCATING = /\b(?:__dirname|__filename|import\.meta\.(?:url|dirname|filename|resolve)|require\.resolve)\b/;

// Source folders; db/image (the template database, ~1,100 files) is no source.
const SOURCE_DIRS = ['api', 'db', 'web', 'templates'];
const SKIP = new Set([join(root, 'db', 'image')]);
// Inputs of the bundle besides the sources: build settings (this file, tsconfig for JSX) and the
// installed packages (npm rewrites node_modules/.package-lock.json whenever it changes them).
const BUILD_INPUTS = [fileURLToPath(import.meta.url), 'package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(path)) newest = newestSource(path, newest);
    } else if (/\.(ts|tsx)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function mtime(path) {
  try {
    return statSync(join(root, path)).mtimeMs;
  } catch {
    return 0;
  }
}

function isStale() {
  if (!existsSync(bundle) || !existsSync(artifactsBundle)) return true;
  const inputs = Math.max(...SOURCE_DIRS.map((d) => newestSource(join(root, d))), ...BUILD_INPUTS.map(mtime));
  return statSync(bundle).mtimeMs < inputs;
}

const packageOf = (path) => {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const parts = path.slice(at + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
};

async function bundleOnce(build, external) {
  return build({
    absWorkingDir: root,
    entryPoints: { node: 'api/node.ts', 'pglite-artifacts': 'db/dialects/pglite-artifacts.ts', 'receipt-render-worker': 'api/receipts/render-worker.ts' },
    outdir: dist,
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    // Bundled CommonJS packages (nodemailer, qrcode) call require() for Node's builtins.
    banner: { js: "import { createRequire as __kassenwartCreateRequire } from 'node:module'; const require = __kassenwartCreateRequire(import.meta.url);" },
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: true,
    logLevel: 'warning',
  });
}

/** Packages to leave external: the fixed ones, the self-locating ones and all they import. */
function externalsFor(metafile) {
  const flagged = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const pkg = packageOf(input);
    if (pkg && SELF_LOCATING.test(readFileSync(join(root, input), 'utf8'))) flagged.add(pkg);
  }
  if (!flagged.size) return [];
  // Everything reachable from a flagged package's files stays with it.
  const external = new Set(flagged);
  const queue = Object.keys(metafile.inputs).filter((input) => flagged.has(packageOf(input)));
  const seen = new Set(queue);
  while (queue.length) {
    for (const { path } of metafile.inputs[queue.pop()].imports) {
      const pkg = packageOf(path);
      if (!pkg || !metafile.inputs[path] || seen.has(path)) continue;
      external.add(pkg);
      seen.add(path);
      queue.push(path);
    }
  }
  return [...external];
}

export async function ensureBundle() {
  if (!isStale()) return bundle;
  const { build } = await import('esbuild'); // only when the bundle is stale
  let result = await bundleOnce(build, ALWAYS_EXTERNAL);
  const more = externalsFor(result.metafile);
  if (more.length) result = await bundleOnce(build, [...ALWAYS_EXTERNAL, ...more]);
  // Written aside and renamed into place: a second `npm start` at the same moment never imports
  // a half-written bundle. node.mjs last, as the staleness check looks at it.
  mkdirSync(dist, { recursive: true });
  const files = [...result.outputFiles].sort((a, b) => (a.path === bundle) - (b.path === bundle));
  const tmp = `.${process.pid}.tmp`;
  try {
    for (const file of files) writeFileSync(file.path + tmp, file.contents);
    for (const file of files) renameSync(file.path + tmp, file.path);
  } finally {
    for (const file of files) rmSync(file.path + tmp, { force: true });
  }
  if (more.length) console.error(`Kassenwart: ${relative(root, bundle)} – nicht gebündelt / left external: ${more.join(', ')}`);
  return bundle;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  performance.mark('kassenwart:start');
  const file = await ensureBundle();
  performance.mark('kassenwart:bundle-checked');
  // PGlite's WebAssembly compiles on background threads while the main thread parses the
  // bundle; with DATABASE_URL there is no embedded database to open.
  const { loadPgliteArtifacts } = await import(pathToFileURL(artifactsBundle).href);
  const pglite = process.env.DATABASE_URL ? undefined : loadPgliteArtifacts();
  void pglite?.then(() => performance.mark('kassenwart:pglite-compiled'));
  const { main } = await import(pathToFileURL(file).href);
  performance.mark('kassenwart:bundle-imported');
  await main({ pglite });
  // For bench/cold-start: when each step ended, in ms since the process started.
  if (process.env.KASSENWART_START_TRACE) {
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('kassenwart:'));
    console.error(`KASSENWART_START_TRACE ${JSON.stringify(Object.fromEntries(marks.map((m) => [m.name.slice(11), Math.round(m.startTime)])))}`);
  }
}
