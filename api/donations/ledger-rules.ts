import type { Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { findDonor, findPurpose } from './ledger-queries';

/** Shared checks of the ledger's operations (they need the database, so they are not zod refinements). */

export const DONATION_NOT_FOUND = msg('Diese Spende gibt es nicht.', 'This donation does not exist.');
export const DONOR_NOT_FOUND = msg('Diesen Spender gibt es nicht.', 'This donor does not exist.');

/** A purpose must exist; a new choice must be active (a purpose a gift already has may stay, even if closed since). */
export async function checkPurpose(db: Executor, purposeId: number | undefined | null, keep: number | null = null) {
  if (!purposeId) return;
  const purpose = await findPurpose(db, purposeId);
  if (!purpose) throw new AppError('validation', undefined, [{ field: 'purpose_id', message: msg('Zweck: diesen Zweck gibt es nicht', 'Purpose: this purpose does not exist') }]);
  if (!purpose.active && purpose.id !== keep) {
    throw new AppError('validation', undefined, [{ field: 'purpose_id', message: msg(`Zweck: „${purpose.name_de}“ ist geschlossen`, `Purpose: “${purpose.name_de}” is closed`) }]);
  }
}

/** The donor a gift is assigned to; a receipt needs a name and a full postal address. */
export async function checkDonorFor(db: Executor, donorId: number | null, receiptWanted: boolean) {
  if (donorId === null) {
    if (receiptWanted) throw new AppError('validation', undefined, [{ field: 'receipt_wanted', message: msg('Zuwendungsbestätigung: nicht für eine anonyme Spende – bitte einen Spender angeben', 'Receipt: not for an anonymous gift – please give a donor') }]);
    return null;
  }
  const donor = await findDonor(db, donorId);
  if (!donor) throw new AppError('validation', undefined, [{ field: 'donor_id', message: msg('Spender: diesen Spender gibt es nicht', 'Donor: this donor does not exist') }]);
  if (receiptWanted && !(donor.street && donor.postal_code && donor.city)) {
    throw new AppError('validation', undefined, [
      { field: 'receipt_wanted', message: msg(`Zuwendungsbestätigung: für ${donor.name} fehlt die Anschrift – bitte erst beim Spender eintragen`, `Receipt: the address of ${donor.name} is missing – please add it to the donor first`) },
    ]);
  }
  return donor;
}
