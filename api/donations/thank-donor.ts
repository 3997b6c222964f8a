import type { MemberLanguage } from '../../db/schema';
import type { DonationThanksVars } from '../../templates/emails/donation-thanks.proof';
import type { Deps, Executor } from '../deps';
import { berlinToday, formatDate } from '../lib/dates';
import { receiptsAllowedUntil } from '../lib/exemption';
import { formatEuro } from '../lib/money';
import { enqueueMail } from '../mail/enqueue-mail';
import { associationForProof, findPurpose, updateDonation } from './queries';

/** A single gift up to this amount may be proven by the bank statement and our simplified proof (§ 50 Abs. 4 EStDV). */
export const SIMPLIFIED_PROOF_MAX_CENTS = 30_000;

export interface ThankDonorInput {
  donationId: number;
  to: string;
  name: string | null;
  language: MemberLanguage;
  amountCents: number;
  donatedOn: string;
  purposeId: number | null;
  monthly: boolean;
  receiptWanted: boolean;
  anonymous: boolean;
}

const LOCALE: Record<MemberLanguage, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar-u-nu-latn', tr: 'tr-TR' };

/**
 * The thank-you mail for a gift that has just succeeded, written to the outbox in the caller's
 * transaction, and the gift marked thanked (the caller makes sure that happens once).
 * A gift of at most 300 € for which no formal receipt will come (none asked for, or given
 * anonymously) carries the association's simplified proof; it needs a valid exemption notice,
 * like a receipt (§ 63 Abs. 5 AO), so an outdated one leaves it out.
 */
export async function thankDonor(trx: Executor, input: ThankDonorInput, deps: Pick<Deps, 'clock' | 'config'>): Promise<void> {
  const association = await associationForProof(trx);
  if (!association) throw new Error('Vereinsdaten fehlen: ohne sie gibt es keine Dankesmail.');
  const lang = input.language;
  const purpose = input.purposeId === null ? null : await findPurpose(trx, input.purposeId);
  const purposeName = purpose ? (({ de: purpose.name_de, en: purpose.name_en, ar: purpose.name_ar, tr: purpose.name_tr })[lang] ?? purpose.name_de) : null;

  const exemptionValid = berlinToday(deps.clock.now()) <= receiptsAllowedUntil(association.notice_kind, association.notice_date);
  const formalReceipt = input.receiptWanted && !input.anonymous;
  const proofGiven = exemptionValid && !formalReceipt && input.amountCents <= SIMPLIFIED_PROOF_MAX_CENTS;
  const tax: DonationThanksVars['tax'] = proofGiven ? 'proof' : formalReceipt ? 'receipt' : input.anonymous || !exemptionValid ? 'none' : 'ask';

  const vars: DonationThanksVars = {
    name: input.anonymous ? null : input.name,
    association: association.name,
    amount: new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'EUR' }).format(input.amountCents / 100),
    date:
      lang === 'de' ? formatDate(input.donatedOn) : new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${input.donatedOn}T00:00:00Z`)),
    purpose: purposeName,
    monthly: input.monthly,
    tax,
    proof: proofGiven
      ? {
          association: association.name,
          address: `${association.street}, ${association.postal_code} ${association.city}`,
          amount: formatEuro(input.amountCents),
          date: formatDate(input.donatedOn),
          monthly: input.monthly,
          purposes: association.purposes,
          noticeKind: association.notice_kind,
          noticeDate: formatDate(association.notice_date),
          noticeYearFrom: association.notice_year_from,
          noticeYearTo: association.notice_year_to,
          finanzamt: association.finanzamt,
          steuernummer: association.steuernummer,
        }
      : null,
    // An anonymous gift has no donor, so nobody to log in as.
    portalLink: input.anonymous ? null : `${deps.config.BASE_URL}/donor`,
  };
  await enqueueMail(trx, { template: 'donation-thanks', language: lang, to: input.to, vars }, deps);
  await updateDonation(trx, input.donationId, { thanked_at: deps.clock.now(), updated_at: deps.clock.now() });
}
