import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * PGlite's two big files, read (and the WebAssembly compiled) ahead of `new PGlite()`.
 *
 * Opening the embedded database starts by reading pglite.wasm (9 MB) and pglite.data (6 MB, the
 * share/ files postgres needs) and compiling the WebAssembly. `npm start` does that first thing
 * (scripts/start.mjs), so the compilation runs on V8's background threads while the main thread
 * parses the app bundle; `new PGlite({ pgliteWasmModule, fsBundle })` then takes the results
 * instead of loading the files again. The files are read synchronously (~10 ms from the page
 * cache): an async read needs the main thread between its chunks, which is busy parsing.
 *
 * Node builtins only: scripts/start.mjs loads this as its own small bundle before the app bundle.
 * Must stay self-contained (no app code, no other package).
 */
export interface PgliteArtifacts {
  pgliteWasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

/**
 * Starts reading and compiling; resolves to undefined (PGlite then loads its files itself, as it
 * always did) when the installed PGlite has a different layout or anything goes wrong.
 */
export function loadPgliteArtifacts(): Promise<PgliteArtifacts | undefined> {
  let wasm: Buffer<ArrayBuffer>;
  let data: Buffer<ArrayBuffer>;
  try {
    // '@electric-sql/pglite' resolves to dist/index.{js,cjs}; its files lie beside it.
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    wasm = readFileSync(join(dist, 'pglite.wasm'));
    data = readFileSync(join(dist, 'pglite.data'));
  } catch {
    return Promise.resolve(undefined);
  }
  return WebAssembly.compile(wasm).then(
    (pgliteWasmModule) => ({ pgliteWasmModule, fsBundle: new Blob([data]) }),
    () => undefined,
  );
}
