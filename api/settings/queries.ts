import type { Executor } from '../deps';
import type { AssociationInput } from './schemas';

export function getAssociation(db: Executor) {
  return db.selectFrom('association').selectAll().executeTakeFirst();
}

export async function getAssociationName(db: Executor): Promise<string> {
  const row = await db.selectFrom('association').select('name').executeTakeFirst();
  return row?.name ?? 'Kassenwart';
}

function columns(input: AssociationInput) {
  return {
    ...input,
    bic: input.bic ?? null,
    creditor_id: input.creditor_id ?? null,
    notice_year_from: input.notice_kind === 'feststellung_60a' ? null : input.notice_year_from,
    notice_year_to: input.notice_kind === 'feststellung_60a' ? null : (input.notice_year_to ?? input.notice_year_from),
    purposes: JSON.stringify(input.purposes),
    dunning_levels: input.dunning_levels ? JSON.stringify(input.dunning_levels) : undefined,
    grant_reminder_days: input.grant_reminder_days ? JSON.stringify(input.grant_reminder_days) : undefined,
  };
}

export function insertAssociation(db: Executor, input: AssociationInput, at: Date) {
  return db
    .insertInto('association')
    .values({ ...columns(input), updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateAssociation(db: Executor, input: AssociationInput, at: Date) {
  return db.updateTable('association').set({ ...columns(input), updated_at: at }).returningAll().executeTakeFirstOrThrow();
}
