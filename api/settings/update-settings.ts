import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { getAssociation, updateAssociation } from './queries';
import type { AssociationInput } from './schemas';

/**
 * A notice dated in the future cannot exist yet, and the machine procedure cannot have been
 * reported to the Finanzamt on a day still to come (receipts would carry the note too early).
 */
export function checkNoticeDate(input: AssociationInput, today: string, fieldPrefix = '') {
  const future = msg('Das Datum liegt in der Zukunft.', 'The date is in the future.');
  const errors = [];
  if (input.notice_date > today) errors.push({ field: `${fieldPrefix}notice_date`, message: future });
  if (input.machine_procedure_notified_on && input.machine_procedure_notified_on > today) errors.push({ field: `${fieldPrefix}machine_procedure_notified_on`, message: future });
  if (errors.length) throw validationError(errors);
}

export async function updateSettings(trx: Executor, input: { association: AssociationInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await getAssociation(trx);
  if (!before) throw new AppError('not_found', msg('Kassenwart ist noch nicht eingerichtet.', 'Kassenwart is not set up yet.'));
  checkNoticeDate(input.association, berlinToday(deps.clock.now()));
  const after = await updateAssociation(trx, input.association, deps.clock.now());
  const { updated_at: _b, ...b } = before;
  const { updated_at: _a, ...a } = after;
  const diff = changedFields(b, a);
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'settings.updated', entity: 'association', entityId: 1, ...diff }, deps);
  return after;
}
