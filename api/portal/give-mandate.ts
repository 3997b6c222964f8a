import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, type Msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { mandateText } from '../lib/mandate-text';
import { mandateReferenceFor } from '../lib/sepa-text';
import { createMandate } from '../sepa/create-mandate';
import { countMandatesOfMember, findMemberRowForUpdate, mandateCreditor } from './queries';
import type { PortalMandateInput } from './schemas';
import { updateOwnRecord } from './update-own-record';

const PAID_BY_OTHER = msg(
  'Ihre Beiträge zahlt ein anderes Mitglied (Familie); dessen Konto wird belastet. Ein eigenes Mandat ist nicht nötig.',
  'Another member (family) pays your dues; their account is debited. You need no mandate of your own.',
  'يدفع اشتراكاتك عضو آخر (العائلة)؛ ويُخصم المبلغ من حسابه. لا تحتاج إلى تفويض خاص بك.',
  'Aidatlarınızı başka bir üye (aile) ödüyor; onun hesabından çekilir. Kendi talimatınıza gerek yok.',
);
const NO_CREDITOR_ID = msg(
  'Der Verein nimmt derzeit keine Lastschriftmandate online an. Bitte wenden Sie sich an den Verein.',
  'The association does not take direct-debit mandates online at the moment. Please contact the association.',
  'لا تقبل الجمعية حالياً تفويضات الخصم المباشر عبر الإنترنت. يرجى التواصل مع الجمعية.',
  'Dernek şu anda otomatik ödeme talimatlarını çevrim içi kabul etmiyor. Lütfen dernekle iletişime geçin.',
);

export type MandateOffer = { ok: true; reference: string; text: string; creditor: NonNullable<Awaited<ReturnType<typeof mandateCreditor>>> } | { ok: false; reason: Msg };

/**
 * The mandate a member would sign now: the German text (lib/mandate-text.ts) with the reference
 * it will get (the member's next KW-…-nn), so the page shows — and the mandate keeps as its
 * evidence — exactly the text with the reference the bank will see.
 */
export async function mandateOffer(db: Executor, member: { id: number; member_number: number | null; payer_member_id: number | null }): Promise<MandateOffer> {
  if (member.payer_member_id !== null) return { ok: false, reason: PAID_BY_OTHER };
  const creditor = await mandateCreditor(db);
  if (!creditor?.creditor_id || member.member_number === null) return { ok: false, reason: NO_CREDITOR_ID };
  const reference = mandateReferenceFor(member.member_number, (await countMandatesOfMember(db, member.id)) + 1);
  return { ok: true, reference, text: mandateText(creditor, reference), creditor };
}

/**
 * A new IBAN from the portal is a new mandate (createMandate: the previous one is replaced, the
 * first debit goes out as FRST), signed today with the text the member agreed to. A member who
 * paid by transfer now pays by direct debit. Besides the mandate's own audit rows, the member's
 * history gets a line, so the treasurer sees the change where they look for it.
 */
export async function giveMandate(trx: Executor, input: { memberId: number; mandate: PortalMandateInput; actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const member = await findMemberRowForUpdate(trx, input.memberId);
  if (!member) throw new AppError('not_found');
  const offer = await mandateOffer(trx, member);
  if (!offer.ok) throw new AppError('conflict', offer.reason);
  const { iban, bic, account_holder } = input.mandate;
  const mandate = await createMandate(
    trx,
    { memberId: member.id, mandate: { reference: offer.reference, signed_on: berlinToday(deps.clock.now()), iban, bic, account_holder }, actor: input.actor, onlineText: offer.text },
    deps,
  );
  if (member.payment_method !== 'sepa_debit') {
    await updateOwnRecord(trx, { memberId: member.id, changes: { payment_method: 'sepa_debit' }, actor: input.actor }, deps);
  }
  await writeAudit(
    trx,
    { actor: input.actor, action: 'member.mandate_given', entity: 'member', entityId: member.id, after: { mandate_reference: mandate.reference, iban: mandate.iban, account_holder: mandate.account_holder } },
    deps,
  );
  return mandate;
}
