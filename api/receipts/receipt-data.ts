import type { InKindOrigin, MemberLanguage } from '../../db/schema';
import type { ReceiptData, ReceiptExemption } from '../../templates/pdf/receipt';
import { amountInWords } from '../lib/amount-in-words';
import type { ReceiptAssociation } from './queries';

/**
 * What one receipt will say before it has a number: built by the issuance (issue-receipt.ts)
 * and the annual run from locked gifts and payments, turned into the renderer's ReceiptData by
 * receiptData() once the number is taken.
 */
export interface ReceiptDraft {
  kind: 'single' | 'sammel' | 'sach';
  donorId: number | null;
  memberId: number | null;
  recipient: { name: string; addressLines: string[]; email: string | null; language: MemberLanguage };
  periodFrom: string;
  periodTo: string;
  items: DraftItem[];
  /** a Sachzuwendung's description, origin and documents (spec §6) */
  sach?: { description: string; origin: InKindOrigin; valuationDocuments: boolean };
  /** the cancelled receipt this one replaces */
  replaces?: { id: number; number: string } | null;
}

export interface DraftItem {
  donationId: number | null;
  paymentId: number | null;
  date: string;
  kind: 'donation' | 'fee' | 'in_kind';
  waiver: boolean;
  amountCents: number;
}

/** "Finanzamt für Körperschaften I Berlin" prints as "des Finanzamtes für Körperschaften I Berlin". */
function finanzamtName(setting: string) {
  return setting.replace(/^\s*Finanzamt(es)?\s+/i, '').trim();
}

export function exemptionOf(a: ReceiptAssociation): ReceiptExemption {
  const finanzamt = finanzamtName(a.finanzamt);
  if (a.notice_kind === 'feststellung_60a') return { kind: 'feststellung60a', finanzamt, steuernummer: a.steuernummer, noticeDate: a.notice_date };
  const fallback = Number(a.notice_date.slice(0, 4)) - 1;
  const from = a.notice_year_from ?? a.notice_year_to ?? fallback;
  return { kind: 'freistellungsbescheid', finanzamt, steuernummer: a.steuernummer, noticeDate: a.notice_date, periodFromYear: from, periodToYear: a.notice_year_to ?? from };
}

export function receiptTotal(draft: Pick<ReceiptDraft, 'items'>) {
  return draft.items.reduce((sum, i) => sum + i.amountCents, 0);
}

/** The renderer's data for a draft with its number (pure: the same inputs give the same PDF bytes). */
export function receiptData(a: ReceiptAssociation, draft: ReceiptDraft, issue: { number: string; issueDate: string; issuedAt: Date }): ReceiptData {
  const common = {
    number: issue.number,
    issueDate: issue.issueDate,
    issuePlace: a.signature_place,
    issuedAt: issue.issuedAt.toISOString(),
    replacesNumber: draft.replaces?.number ?? null,
    association: { name: a.name, addressLines: [a.street, `${a.postal_code} ${a.city}`] },
    exemption: exemptionOf(a),
    // The earmarks of the donation page are campaigns, not tax purposes: the receipt names the
    // purposes of the notice (spec §4.2), which every gift serves.
    purposes: a.purposes,
    purposesOfUse: a.purposes,
    donor: { name: draft.recipient.name, addressLines: draft.recipient.addressLines },
  };
  const money = {
    memberDuesDeductible: a.member_dues_deductible,
    machineProcedureFinanzamt: a.machine_procedure_notified_on ? finanzamtName(a.finanzamt) : null,
  };
  if (draft.kind === 'sach') {
    const item = draft.items[0]!;
    return {
      ...common,
      kind: 'sach',
      gift: {
        date: item.date,
        valueCents: item.amountCents,
        valueInWords: amountInWords(item.amountCents),
        description: draft.sach!.description,
        origin: draft.sach!.origin,
        valuationDocuments: draft.sach!.valuationDocuments,
      },
    };
  }
  const items = draft.items.map((i) => ({ date: i.date, kind: i.kind === 'fee' ? ('fee' as const) : ('donation' as const), waiver: i.waiver, amountCents: i.amountCents }));
  if (draft.kind === 'single') {
    return { ...common, ...money, kind: 'single', gift: { ...items[0]!, amountInWords: amountInWords(items[0]!.amountCents) } };
  }
  return { ...common, ...money, kind: 'sammel', periodFrom: draft.periodFrom, periodTo: draft.periodTo, items, totalInWords: amountInWords(receiptTotal(draft)) };
}
