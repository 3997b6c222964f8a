import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { inviteUser } from '../../api/auth/invite-user';
import { inTransaction, systemActor } from '../../api/deps';
import { arrayParam } from '../../db/bulk';
import { testApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createAssociation } from '../helpers/factories';

describeEachEngine('database layer', (database) => {
  it('returns the same JavaScript types on both drivers', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select 12345678901::bigint as cents, count(*) as n, '2026-02-28'::date as day,
             '{"a":[1,2]}'::jsonb as doc, sum(x)::bigint as total, sum(x) as raw_sum,
             '2026-01-01T10:00:00Z'::timestamptz as at
      from (values (1::bigint), (2::bigint)) v(x)`.execute(database().db);
    expect(rows[0]).toEqual({
      cents: 12345678901,
      n: 2,
      day: '2026-02-28',
      doc: { a: [1, 2] },
      total: 3,
      raw_sum: '3',
      at: new Date('2026-01-01T10:00:00Z'),
    });
  });

  it('refuses an int8 beyond the safe integer range instead of rounding money', async () => {
    await expect(sql`select 9007199254740993::bigint as x`.execute(database().db)).rejects.toThrow(/safe integer/);
  });

  it('passes long text parameters unchanged, also as one array (PGlite gets them as UTF-8 bytes)', async () => {
    // Above 64 KiB (db/types.ts): umlauts, Turkish and Arabic letters, an emoji (4 UTF-8 bytes, 2 UTF-16 units), quotes.
    const long = 'Ää ş ğ عربي 😀 "q" \\ '.repeat(5_000);
    const parts = ['ö', long, 'x,y', 'NULL', '"'];
    const { rows } = await sql<{ same: string; n: number; items: string[] }>`
      select ${long}::text as same, length(${long}::text)::int as n,
             (select array_agg(x order by i) from unnest(${arrayParam(parts, 'text')}) with ordinality as u(x, i)) as items`.execute(database().db);
    expect(rows[0]!.same).toBe(long);
    expect(rows[0]!.n).toBe([...long].length);
    expect(rows[0]!.items).toEqual(parts);
  });

  it('commits a change, its audit row and its mail together or not at all', async () => {
    const t = testApp(database());
    await createAssociation(t.db);
    await expect(
      inTransaction(t.db, async (trx) => {
        await inviteUser(trx, { email: 'rollback@example.org', name: 'R', role: 'board', language: 'de', actor: systemActor() }, t.deps);
        throw new Error('crash after the invitation');
      }),
    ).rejects.toThrow('crash after the invitation');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'rollback@example.org').execute()).toEqual([]);
    expect(await t.db.selectFrom('outbox').select('id').where('to_address', '=', 'rollback@example.org').execute()).toEqual([]);
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'user.invited').execute()).toEqual([]);
  });

  it('serialises concurrent read-modify-write transactions: no lost update', async () => {
    const db = database().db;
    await sql`create table if not exists test_counter (id int primary key, n int not null)`.execute(db);
    await sql`insert into test_counter values (1, 0) on conflict (id) do update set n = 0`.execute(db);
    await Promise.all(
      Array.from({ length: 15 }, () =>
        db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select n from test_counter where id = 1 for update`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await sql`update test_counter set n = ${rows[0]!.n + 1} where id = 1`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ n: number }>`select n from test_counter where id = 1`.execute(db);
    expect(rows[0]!.n).toBe(15);
  });
});
