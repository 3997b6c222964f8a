import type { Executor } from '../deps';

/**
 * The blob port (DESIGN.md "Files"): files such as receipt PDFs are written once under a key and
 * read back byte for byte. This store keeps them in the database (table blobs), which works the
 * same on PGlite, PostgreSQL and Workers with Hyperdrive, and commits with the row that names the
 * file. An object store (R2) would implement the same two functions.
 */
export interface StoredBlob {
  key: string;
  sha256: string;
  byteSize: number;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stores bytes under a new key; a key is never written twice (the insert fails). */
export async function putBlob(trx: Executor, input: { key: string; bytes: Uint8Array; contentType: string; sha256?: string }, now: Date): Promise<StoredBlob> {
  return (await putBlobs(trx, [input], now))[0]!;
}

/** Many files in one statement (an annual run stores hundreds per transaction). */
export async function putBlobs(trx: Executor, inputs: { key: string; bytes: Uint8Array; contentType: string; sha256?: string }[], now: Date): Promise<StoredBlob[]> {
  if (!inputs.length) return [];
  const rows = await Promise.all(
    inputs.map(async (i) => ({
      key: i.key,
      content: i.bytes,
      content_type: i.contentType,
      byte_size: i.bytes.byteLength,
      sha256: i.sha256 ?? (await sha256Hex(i.bytes)),
      created_at: now,
    })),
  );
  await trx.insertInto('blobs').values(rows).execute();
  return rows.map((r) => ({ key: r.key, sha256: r.sha256, byteSize: r.byte_size }));
}

/** The stored bytes and their hash, or null for an unknown key. */
export async function getBlob(db: Executor, key: string): Promise<{ bytes: Uint8Array; contentType: string; sha256: string } | null> {
  const row = await db.selectFrom('blobs').select(['content', 'content_type', 'sha256']).where('key', '=', key).executeTakeFirst();
  return row ? { bytes: new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.byteLength), contentType: row.content_type, sha256: row.sha256 } : null;
}
