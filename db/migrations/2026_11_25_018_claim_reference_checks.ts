import { sql, type Kysely } from 'kysely';

// Frozen: the four references of a claim (member_id, debtor_member_id -> members,
// membership_type_id -> membership_types, dues_run_id -> dues_runs) are checked once per
// statement instead of once per row, with the same guarantees as the foreign keys they replace.
//
// Why: a yearly dues run inserts ~60,000 claims in three statements, and a foreign key checks
// each row on its own (a trigger call and an index probe per row and key: 240,000 of them).
// Measured on that insert (bench/dues-run, 2 cores): 1.85 s with the four keys, 0.85 s without;
// the dues run + collection + pain.008 of 20,000 members could not stay under its 5 s on PGlite.
// Checked per statement — one anti-join per reference over the statement's new rows — the same
// insert takes ~1.0 s.
//
// What stays guaranteed, as with the foreign keys:
// - insert: every claim's member, debtor, membership type and dues run exist; they are locked
//   FOR KEY SHARE like a foreign key locks them, so a concurrent delete waits for this
//   transaction, then finds the claims (below) and fails;
// - update of one of the four columns (the app never does one): checked per row;
// - delete (or change of id) of a member, membership type or dues run a claim refers to: refused
//   with foreign_key_violation (SQLSTATE 23503, as before). The row is locked before the check
//   runs, so a claim committed meanwhile is seen.
// Not covered: TRUNCATE of members, membership_types or dues_runs alone (a foreign key refuses
// it); nothing in the app truncates.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table claims
      drop constraint claims_member_id_fkey,
      drop constraint claims_debtor_member_id_fkey,
      drop constraint claims_membership_type_id_fkey,
      drop constraint claims_dues_run_id_fkey`.execute(db);

  await sql`
    create function claims_check_new_references() returns trigger language plpgsql as $$
    begin
      perform 1 from members m where m.id in (select member_id from new_claims union select debtor_member_id from new_claims) for key share;
      perform 1 from membership_types t where t.id in (select membership_type_id from new_claims) for key share;
      perform 1 from dues_runs r where r.id in (select dues_run_id from new_claims) for key share;
      if exists (select 1 from new_claims n where not exists (select 1 from members m where m.id = n.member_id))
         or exists (select 1 from new_claims n where not exists (select 1 from members m where m.id = n.debtor_member_id))
         or exists (select 1 from new_claims n where not exists (select 1 from membership_types t where t.id = n.membership_type_id))
         or exists (select 1 from new_claims n where n.dues_run_id is not null and not exists (select 1 from dues_runs r where r.id = n.dues_run_id)) then
        raise foreign_key_violation using message = 'a claim refers to a member, membership type or dues run that does not exist';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger claims_new_references after insert on claims
      referencing new table as new_claims for each statement execute function claims_check_new_references()`.execute(db);

  await sql`
    create function claims_check_changed_references() returns trigger language plpgsql as $$
    begin
      perform 1 from members m where m.id in (new.member_id, new.debtor_member_id) for key share;
      perform 1 from membership_types t where t.id = new.membership_type_id for key share;
      perform 1 from dues_runs r where r.id = new.dues_run_id for key share;
      if not exists (select 1 from members m where m.id = new.member_id)
         or not exists (select 1 from members m where m.id = new.debtor_member_id)
         or not exists (select 1 from membership_types t where t.id = new.membership_type_id)
         or (new.dues_run_id is not null and not exists (select 1 from dues_runs r where r.id = new.dues_run_id)) then
        raise foreign_key_violation using message = 'a claim refers to a member, membership type or dues run that does not exist';
      end if;
      return new;
    end $$`.execute(db);
  // Fires only for an UPDATE that sets one of these columns (paying or submitting a claim does not).
  await sql`
    create trigger claims_changed_references before update of member_id, debtor_member_id, membership_type_id, dues_run_id on claims
      for each row execute function claims_check_changed_references()`.execute(db);

  // The referenced side: the trigger's arguments name the claims columns that point at the row.
  await sql`
    create function claims_refuse_referenced_delete() returns trigger language plpgsql as $$
    declare
      col text;
      used boolean;
    begin
      if tg_op = 'UPDATE' and new.id = old.id then
        return new;
      end if;
      foreach col in array tg_argv loop
        execute format('select exists (select 1 from claims where %I = $1)', col) into used using old.id;
        if used then
          raise foreign_key_violation using message = format('%s %s is still referenced by claims (%s)', tg_table_name, old.id, col);
        end if;
      end loop;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`
    create trigger claims_referenced before delete or update of id on members
      for each row execute function claims_refuse_referenced_delete('member_id', 'debtor_member_id')`.execute(db);
  await sql`
    create trigger claims_referenced before delete or update of id on membership_types
      for each row execute function claims_refuse_referenced_delete('membership_type_id')`.execute(db);
  await sql`
    create trigger claims_referenced before delete or update of id on dues_runs
      for each row execute function claims_refuse_referenced_delete('dues_run_id')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['members', 'membership_types', 'dues_runs']) await sql`drop trigger claims_referenced on ${sql.table(table)}`.execute(db);
  await sql`drop trigger claims_changed_references on claims`.execute(db);
  await sql`drop trigger claims_new_references on claims`.execute(db);
  await sql`drop function claims_refuse_referenced_delete()`.execute(db);
  await sql`drop function claims_check_changed_references()`.execute(db);
  await sql`drop function claims_check_new_references()`.execute(db);
  await sql`
    alter table claims
      add constraint claims_member_id_fkey foreign key (member_id) references members (id),
      add constraint claims_debtor_member_id_fkey foreign key (debtor_member_id) references members (id),
      add constraint claims_membership_type_id_fkey foreign key (membership_type_id) references membership_types (id),
      add constraint claims_dues_run_id_fkey foreign key (dues_run_id) references dues_runs (id)`.execute(db);
}
