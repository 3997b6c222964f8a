import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { findFunderByNameProgramme, insertFunder, lockFunder, updateFunderRow } from './queries';
import type { FunderInput } from './schemas';

export const FUNDER_NOT_FOUND = msg('Diesen Fördermittelgeber gibt es nicht.', 'This funder does not exist.');

function values(f: FunderInput) {
  return {
    name: f.name,
    kind: f.kind,
    programme: f.programme ?? null,
    contact_name: f.contact_name ?? null,
    contact_email: f.contact_email ?? null,
    contact_phone: f.contact_phone ?? null,
    website: f.website ?? null,
    typical_deadlines: f.typical_deadlines ?? null,
    notes: f.notes ?? null,
  };
}

/** A funder is one name and programme: the same foundation's second programme is a second funder. */
async function refuseDuplicate(trx: Executor, f: FunderInput, exceptId?: number) {
  const other = await findFunderByNameProgramme(trx, f.name, f.programme ?? null, exceptId);
  if (!other) return;
  const what = other.programme ? `„${other.name}“ mit dem Programm „${other.programme}“` : `„${other.name}“ (ohne Programm)`;
  const whatEn = other.programme ? `“${other.name}” with the programme “${other.programme}”` : `“${other.name}” (no programme)`;
  throw new AppError('conflict', msg(`Den Fördermittelgeber ${what} gibt es schon (Nr. ${other.id}).`, `The funder ${whatEn} exists already (no. ${other.id}).`), [
    { field: 'name', message: msg(`Name: ${what} gibt es schon – anderes Programm angeben oder den vorhandenen bearbeiten`, `Name: ${whatEn} exists already – give another programme or edit the existing one`) },
  ]);
}

export async function createFunder(trx: Executor, input: { funder: FunderInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  await refuseDuplicate(trx, input.funder);
  const created = await insertFunder(trx, values(input.funder), deps.clock.now());
  const { created_at: _c, updated_at: _u, ...after } = created;
  await writeAudit(trx, { actor: input.actor, action: 'funder.created', entity: 'funder', entityId: created.id, after }, deps);
  return created;
}

export async function updateFunder(trx: Executor, input: { id: number; funder: FunderInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await lockFunder(trx, input.id);
  if (!before) throw new AppError('not_found', FUNDER_NOT_FOUND);
  await refuseDuplicate(trx, input.funder, input.id);
  const after = await updateFunderRow(trx, input.id, values(input.funder), deps.clock.now());
  const { created_at: _bc, updated_at: _bu, ...b } = before;
  const { created_at: _ac, updated_at: _au, ...a } = after;
  const diff = changedFields(b, a);
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'funder.updated', entity: 'funder', entityId: after.id, ...diff }, deps);
  return after;
}
