import { changedFields, writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { getDonationSettingsForUpdate, updateDonationSettingsRow } from './ledger-queries';
import type { DonationSettingsInput } from './ledger-schemas';

/** Saves what the public donation page offers: amounts (min, max, presets) and payment methods. */
export async function saveDonationSettings(trx: Executor, input: { settings: DonationSettingsInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const before = await getDonationSettingsForUpdate(trx);
  if (!before) throw new AppError('conflict', msg('Der Verein ist noch nicht eingerichtet.', 'The association is not set up yet.'));
  await updateDonationSettingsRow(trx, input.settings, deps.clock.now());
  const diff = changedFields(before, { ...input.settings });
  if (diff) await writeAudit(trx, { actor: input.actor, action: 'donation_settings.updated', entity: 'association', entityId: null, ...diff }, deps);
  return input.settings;
}
