import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError, type FieldError } from '../http/errors';
import { checkMandateAccount } from './create-mandate';
import { amendMandateAccount, findMandateForUpdate } from './queries';
import type { MandateInput } from './schemas';

/**
 * A new account under the same mandate (the member moved banks and told us, without a new
 * signature): the next debit carries AmdmntInd with the original IBAN (spec §7.3). A second
 * change before that debit keeps the IBAN the bank last saw as the original.
 */
export async function changeMandateAccount(
  trx: Executor,
  input: { mandateId: number; account: Pick<MandateInput, 'iban' | 'bic' | 'account_holder'>; actor: Actor },
  deps: Pick<Deps, 'clock'>,
) {
  const mandate = await findMandateForUpdate(trx, input.mandateId);
  if (!mandate || mandate.status !== 'active') throw new AppError('not_found', msg('Kein aktives Mandat.', 'No active mandate.'));
  const errors: FieldError[] = [];
  checkMandateAccount(input.account, errors);
  if (errors.length) throw validationError(errors);
  const ibanChanged = input.account.iban !== mandate.iban;
  const after = await amendMandateAccount(trx, mandate.id, {
    iban: input.account.iban,
    bic: input.account.bic ?? null,
    account_holder: input.account.account_holder,
    amended_from_iban: ibanChanged && mandate.last_collected_on !== null ? (mandate.amended_from_iban ?? mandate.iban) : mandate.amended_from_iban,
  });
  await writeAudit(
    trx,
    { actor: input.actor, action: 'mandate.account_changed', entity: 'sepa_mandate', entityId: mandate.id, before: { iban: mandate.iban, bic: mandate.bic, account_holder: mandate.account_holder }, after: { iban: after.iban, bic: after.bic, account_holder: after.account_holder } },
    deps,
  );
  return after;
}
