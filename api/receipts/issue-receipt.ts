import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg, type Msg } from '../http/errors';
import { berlinToday, formatDate } from '../lib/dates';
import { formatEuro } from '../lib/money';
import { issueReceiptDrafts, type IssuedReceipt } from './issue-receipt-drafts';
import { associationForReceipts, findReceipt, lockDonationsForReceipt, lockFeePaymentsForReceipt } from './queries';
import type { DraftItem, ReceiptDraft } from './receipt-data';
import { resolveRecipients } from './recipients';

export interface IssueReceiptInput {
  /** gifts (money or one in kind) and paid membership fees to confirm, of one person */
  donationIds: number[];
  paymentIds: number[];
  /** the cancelled receipt this one replaces (its number is printed on the new one) */
  replacesReceiptId?: number | null;
  actor: Actor;
}

const refuse = (m: Msg): never => {
  throw new AppError('conflict', m);
};

/**
 * The treasurer issues one receipt by hand: a single receipt for one gift or fee, a
 * Sammelbestätigung for several (the period is their calendar year, or first to last date
 * across years), a Sachzuwendung for one gift in kind. Refuses — saying which gift and why — what
 * would make a wrong receipt: a gift not (or no longer) received, already receipted, anonymous,
 * in the future, from several people, a donor without address, fees the association may not
 * confirm, an in-kind gift together with others, and any receipt while the § 63 Abs. 5 AO window
 * is closed (issue-receipt-drafts.ts).
 */
export async function issueReceipt(trx: Executor, input: IssueReceiptInput, deps: Pick<Deps, 'clock' | 'config'>): Promise<IssuedReceipt> {
  const association = await associationForReceipts(trx);
  if (!association) refuse(msg('Zuerst die Stammdaten des Vereins eintragen.', 'Enter the association’s master data first.'));
  const a = association!;
  if (!input.donationIds.length && !input.paymentIds.length) throw new AppError('validation', msg('Bitte mindestens eine Zuwendung auswählen.', 'Choose at least one gift.'));
  const today = berlinToday(deps.clock.now());

  const donations = await lockDonationsForReceipt(trx, input.donationIds);
  const payments = await lockFeePaymentsForReceipt(trx, input.paymentIds);
  if (donations.length !== new Set(input.donationIds).size || payments.length !== new Set(input.paymentIds).size) {
    throw new AppError('not_found', msg('Eine der Zuwendungen gibt es nicht.', 'One of the gifts does not exist.'));
  }

  const items: DraftItem[] = [];
  const donorIds = new Set<number>();
  const memberIds = new Set<number>();
  for (const d of donations) {
    const what = `Zuwendung vom ${formatDate(d.donated_on)} über ${formatEuro(d.amount_cents)}`;
    const whatEn = `The gift of ${d.donated_on} (${formatEuro(d.amount_cents)})`;
    if (d.status === 'refunded' || d.status === 'disputed') refuse(msg(`${what}: wurde erstattet oder zurückgebucht – dafür gibt es keine Bestätigung.`, `${whatEn} was refunded or disputed – no receipt.`));
    if (d.status !== 'succeeded') refuse(msg(`${what}: ist noch nicht eingegangen.`, `${whatEn} has not arrived yet.`));
    if (d.receipted) refuse(msg(`${what}: ist schon bestätigt.`, `${whatEn} is already receipted.`));
    if (d.donated_on > today) refuse(msg(`${what}: das Datum liegt in der Zukunft.`, `${whatEn} lies in the future.`));
    if (!d.donor_id) refuse(msg(`${what}: ist anonym – ohne Namen und Anschrift gibt es keine Bestätigung.`, `${whatEn} is anonymous – no receipt without name and address.`));
    const net = d.amount_cents - d.refunded_cents;
    if (net <= 0) refuse(msg(`${what}: wurde vollständig erstattet.`, `${whatEn} was refunded in full.`));
    donorIds.add(Number(d.donor_id));
    if (d.method === 'in_kind') {
      items.push({ donationId: Number(d.id), paymentId: null, date: d.donated_on, kind: 'in_kind', waiver: false, amountCents: net });
    } else {
      items.push({ donationId: Number(d.id), paymentId: null, date: d.donated_on, kind: 'donation', waiver: d.waiver, amountCents: net });
    }
  }
  for (const p of payments) {
    const what = `Beitragszahlung vom ${formatDate(p.paid_on)} über ${formatEuro(p.amount_cents)}`;
    const whatEn = `The fee payment of ${p.paid_on} (${formatEuro(p.amount_cents)})`;
    if (!a.member_dues_deductible) refuse(msg('Mitgliedsbeiträge sind laut Einstellungen nicht abziehbar – dafür gibt es keine Bestätigung (§ 10b Abs. 1 Satz 8 EStG).', 'Dues are not deductible according to the settings – no receipt for them.'));
    if (p.claim_kind !== 'dues') refuse(msg(`${what}: ist eine Gebühr, kein Mitgliedsbeitrag.`, `${whatEn} is a fee, not a membership fee.`));
    if (p.reversed_on) refuse(msg(`${what}: wurde zurückgebucht.`, `${whatEn} was reversed.`));
    if (p.receipted) refuse(msg(`${what}: ist schon bestätigt.`, `${whatEn} is already receipted.`));
    memberIds.add(Number(p.debtor_member_id));
    items.push({ donationId: null, paymentId: Number(p.id), date: p.paid_on, kind: 'fee', waiver: false, amountCents: p.amount_cents });
  }
  items.sort((x, y) => x.date.localeCompare(y.date));

  const inKind = items.filter((i) => i.kind === 'in_kind');
  if (inKind.length && items.length > 1) refuse(msg('Eine Sachzuwendung wird einzeln bestätigt, nie in einer Sammelbestätigung.', 'A gift in kind is confirmed on its own, never in a Sammelbestätigung.'));

  const recipients = await resolveRecipients(trx, { donorIds: [...donorIds], memberIds: [...memberIds] });
  const people = new Map([...donorIds].map((id) => recipients.byDonor(id)).concat([...memberIds].map((id) => recipients.byMember(id))).filter((r) => r !== null).map((r) => [r!.key, r!]));
  if (people.size !== 1) refuse(msg('Die ausgewählten Zuwendungen stammen von verschiedenen Personen: eine Bestätigung nennt genau einen Zuwendenden.', 'The gifts come from different people: a receipt names exactly one.'));
  const recipient = [...people.values()][0]!;
  if (!recipient.addressLines) refuse(msg(`${recipient.name}: keine vollständige Anschrift (Straße, PLZ, Ort) – bitte zuerst eintragen.`, `${recipient.name}: no complete address – enter it first.`));

  let replaces: { id: number; number: string } | null = null;
  if (input.replacesReceiptId) {
    const old = await findReceipt(trx, input.replacesReceiptId);
    if (!old) throw new AppError('not_found', msg('Die zu ersetzende Bestätigung gibt es nicht.', 'The receipt to replace does not exist.'));
    if (!old.cancelled_at) refuse(msg(`Bestätigung ${old.number} ist nicht storniert: erst stornieren, dann ersetzen.`, `Receipt ${old.number} is not cancelled: cancel it first.`));
    if (old.replaced_by_number) refuse(msg(`Bestätigung ${old.number} wurde schon durch ${old.replaced_by_number} ersetzt.`, `Receipt ${old.number} was already replaced by ${old.replaced_by_number}.`));
    replaces = { id: Number(old.id), number: old.number };
  }

  const first = items[0]!.date;
  const last = items[items.length - 1]!.date;
  // a past calendar year is the usual Sammel period; a year still running ends at the last gift
  const fullYear = first.slice(0, 4) === last.slice(0, 4) && first.slice(0, 4) < today.slice(0, 4);
  const draft: ReceiptDraft = {
    kind: inKind.length ? 'sach' : items.length === 1 ? 'single' : 'sammel',
    donorId: recipient.donorId,
    memberId: recipient.memberId,
    recipient: { name: recipient.name, addressLines: recipient.addressLines!, email: recipient.email, language: recipient.language },
    periodFrom: items.length > 1 && fullYear ? `${first.slice(0, 4)}-01-01` : first,
    periodTo: items.length > 1 && fullYear ? `${first.slice(0, 4)}-12-31` : last,
    items,
    ...(inKind.length ? { sach: sachDetails(donations.find((d) => d.method === 'in_kind')!) } : {}),
    replaces,
  };
  const [issued] = await issueReceiptDrafts(trx, { drafts: [draft], association: a, actor: input.actor }, deps);
  return issued!;
}

function sachDetails(d: { in_kind_description: string | null; in_kind_origin: 'business' | 'private' | 'unknown' | null; in_kind_documents: boolean | null; donated_on: string }) {
  if (!d.in_kind_description?.trim()) refuse(msg(`Sachzuwendung vom ${formatDate(d.donated_on)}: die genaue Bezeichnung fehlt.`, 'The gift in kind has no description.'));
  return { description: d.in_kind_description!, origin: d.in_kind_origin ?? 'unknown', valuationDocuments: d.in_kind_documents ?? false };
}
