import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, validationError, type FieldError } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { bicRequiredFor } from '../lib/iban';
import { isValidMandateReference, mandateReferenceFor, sepaNameOrNull } from '../lib/sepa-text';
import { findMember } from '../members/queries';
import { activeMandateOf, countMandatesOf, insertMandate, mandateReferenceTaken, revokeMandateRow } from './queries';
import type { MandateInput } from './schemas';

export const HOLDER_NOT_LATIN = msg(
  'Bitte den Namen des Kontoinhabers so angeben, wie die Bank ihn schreibt – in lateinischen Buchstaben (z. B. „Mohammed Al-Ahmad“). Lastschriften kennen nur diesen Zeichensatz.',
  'Please give the account holder’s name as the bank writes it – in Latin letters (e.g. “Mohammed Al-Ahmad”). Direct debits only know this character set.',
  'يرجى كتابة اسم صاحب الحساب كما يكتبه البنك – بالأحرف اللاتينية (مثل „Mohammed Al-Ahmad“). الخصم المباشر لا يعرف إلا هذه الأحرف.',
  'Lütfen hesap sahibinin adını bankanın yazdığı gibi – Latin harfleriyle (ör. „Mohammed Al-Ahmad“) yazın. Otomatik ödeme yalnızca bu karakterleri tanır.',
);

/** Checks of a mandate's account that apply to new mandates and to changed accounts alike. */
export function checkMandateAccount(input: Pick<MandateInput, 'iban' | 'bic' | 'account_holder'>, errors: FieldError[]) {
  if (sepaNameOrNull(input.account_holder) === null) errors.push({ field: 'account_holder', message: HOLDER_NOT_LATIN });
  if (!input.bic && bicRequiredFor(input.iban)) {
    errors.push({
      field: 'bic',
      message: msg(
        'Für Konten außerhalb des EWR (z. B. Schweiz, Vereinigtes Königreich) ist die BIC nötig.',
        'Accounts outside the EEA (e.g. Switzerland, United Kingdom) need the BIC.',
        'الحسابات خارج المنطقة الاقتصادية الأوروبية (مثل سويسرا والمملكة المتحدة) تحتاج إلى رمز BIC.',
        'AEA dışındaki hesaplar (ör. İsviçre, Birleşik Krallık) için BIC gereklidir.',
      ),
    });
  }
}

/**
 * Records a signed SEPA-Lastschriftmandat (direct-debit mandate) for a member. A member has at
 * most one active mandate: a new signature replaces (revokes) the previous one and gets a new
 * Mandatsreferenz, so its first debit goes out as FRST.
 */
export async function createMandate(
  trx: Executor,
  /** onlineText: the exact mandate text a member agreed to on a web form (the mandate's evidence) */
  input: { memberId: number; mandate: MandateInput; actor: Actor; onlineText?: string },
  deps: Pick<Deps, 'clock'>,
) {
  const member = await findMember(trx, input.memberId);
  if (!member) throw new AppError('not_found', msg('Dieses Mitglied gibt es nicht.', 'This member does not exist.'));
  const today = berlinToday(deps.clock.now());
  const errors: FieldError[] = [];
  checkMandateAccount(input.mandate, errors);
  if (input.mandate.signed_on > today) errors.push({ field: 'signed_on', message: msg('Das Datum liegt in der Zukunft.', 'The date is in the future.') });
  let reference = input.mandate.reference;
  if (reference !== undefined && !isValidMandateReference(reference)) {
    errors.push({
      field: 'reference',
      message: msg(
        'Mandatsreferenz: höchstens 35 Zeichen aus A–Z, a–z, 0–9 und + ? / - : ( ) . , \' – ohne Leerzeichen.',
        "Mandate reference: at most 35 characters of A–Z, a–z, 0–9 and + ? / - : ( ) . , ' – no spaces.",
      ),
    });
  }
  if (reference === undefined && member.member_number === null) {
    errors.push({ field: 'reference', message: msg('Das Mitglied hat noch keine Mitgliedsnummer: bitte eine Mandatsreferenz angeben.', 'The member has no number yet: please give a mandate reference.') });
  }
  if (errors.length) throw validationError(errors);
  reference ??= mandateReferenceFor(member.member_number!, (await countMandatesOf(trx, member.id)) + 1);
  if (await mandateReferenceTaken(trx, reference)) {
    throw validationError([{ field: 'reference', message: msg('Diese Mandatsreferenz ist schon vergeben.', 'This mandate reference is taken.') }]);
  }
  const previous = await activeMandateOf(trx, member.id);
  if (previous) {
    await revokeMandateRow(trx, previous.id, today, 'ersetzt durch neues Mandat');
    await writeAudit(trx, { actor: input.actor, action: 'mandate.replaced', entity: 'sepa_mandate', entityId: previous.id, before: { status: 'active' }, after: { status: 'revoked' } }, deps);
  }
  const mandate = await insertMandate(trx, {
    member_id: member.id,
    reference,
    signed_on: input.mandate.signed_on,
    iban: input.mandate.iban,
    bic: input.mandate.bic ?? null,
    account_holder: input.mandate.account_holder,
    signed_online_text: input.onlineText ?? null,
    created_at: deps.clock.now(),
  });
  await writeAudit(trx, { actor: input.actor, action: 'mandate.created', entity: 'sepa_mandate', entityId: mandate.id, after: { ...mandate, member_id: member.id } }, deps);
  return mandate;
}
