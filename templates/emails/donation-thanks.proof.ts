import type { NoticeKind } from '../../db/schema';

/**
 * The association's simplified proof of a gift (vereinfachter Zuwendungsnachweis, § 50 Abs. 4
 * Satz 1 Nr. 2 EStDV; shared/spec/zuwendungsbestaetigung.md §10): for a single gift of at most
 * 300 € the donor's bank or card statement suffices when the association's own document states
 * the tax-privileged purpose, the exemption (Freistellung) and that the gift is a Spende, not a
 * Mitgliedsbeitrag. It is not a Zuwendungsbestätigung and must not carry that title. Its text is
 * German in every mail: it is for the German tax office.
 */
export interface DonationProof {
  association: string;
  /** "Oranienstraße 12, 10997 Berlin" */
  address: string;
  /** German: "25,00 €" */
  amount: string;
  /** German: "24.11.2026" (for a monthly gift: its first payment) */
  date: string;
  monthly: boolean;
  /** the tax-privileged purposes (association.purposes) */
  purposes: { genitive: string; accusative: string }[];
  noticeKind: NoticeKind;
  /** German: "30.06.2025" */
  noticeDate: string;
  noticeYearFrom: number | null;
  noticeYearTo: number | null;
  finanzamt: string;
  steuernummer: string;
}

export interface DonationThanksVars {
  /** null for a gift given without a name */
  name: string | null;
  association: string;
  /** in the mail's language */
  amount: string;
  date: string;
  /** the campaign or purpose chosen on the page, in the mail's language; null: where most needed */
  purpose: string | null;
  monthly: boolean;
  /**
   * What the donor has for the tax office: the simplified proof below (≤ 300 €, no formal
   * receipt coming), a formal receipt to come, a receipt on request, or nothing (anonymous
   * above 300 €, or an exemption notice too old to confirm gifts).
   */
  tax: 'proof' | 'receipt' | 'ask' | 'none';
  proof: DonationProof | null;
  /** the donor portal, where a donor sees their gifts and changes a monthly one; null when anonymous */
  portalLink: string | null;
}

/** "a, b und c" */
function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} und ${items.at(-1)}`;
}

/** The proof's paragraphs, German, as the spec's §7 sentences word them. */
export function proofParagraphs(p: DonationProof): string[] {
  const genitive = list(p.purposes.map((x) => x.genitive));
  const accusative = list(p.purposes.map((x) => x.accusative));
  const years = p.noticeYearFrom === null ? '' : p.noticeYearTo && p.noticeYearTo !== p.noticeYearFrom ? `${p.noticeYearFrom} bis ${p.noticeYearTo}` : `${p.noticeYearFrom}`;
  const exemption =
    p.noticeKind === 'feststellung_60a'
      ? `Die Einhaltung der satzungsmäßigen Voraussetzungen nach den §§ 51, 59, 60 und 61 AO wurde vom Finanzamt ${p.finanzamt}, StNr. ${p.steuernummer}, mit Bescheid vom ${p.noticeDate} nach § 60a AO gesondert festgestellt. Wir fördern nach unserer Satzung ${accusative}.`
      : `Wir sind wegen Förderung ${genitive} nach dem Freistellungsbescheid bzw. nach der Anlage zum Körperschaftsteuerbescheid des Finanzamtes ${p.finanzamt} StNr. ${p.steuernummer} vom ${p.noticeDate}${years ? ` für den letzten Veranlagungszeitraum ${years}` : ''} nach § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes von der Körperschaftsteuer und nach § 3 Nr. 6 des Gewerbesteuergesetzes von der Gewerbesteuer befreit.`;
  return [
    'Vereinfachter Zuwendungsnachweis (§ 50 Abs. 4 EStDV)',
    [
      `Empfänger: ${p.association}, ${p.address}`,
      'Art der Zuwendung: Spende (kein Mitgliedsbeitrag)',
      p.monthly ? `Betrag: ${p.amount} monatlich, erste Zahlung am ${p.date}` : `Betrag: ${p.amount}, gezahlt am ${p.date}`,
      `Steuerbegünstigter Zweck: Förderung ${genitive}`,
    ].join('\n'),
    exemption,
    `Die Zuwendung wird nur zur Förderung ${genitive} verwendet.`,
    p.monthly
      ? 'Für jede einzelne monatliche Zahlung bis 300 € gilt dieser Beleg zusammen mit Ihrem Kontoauszug oder Ihrer Kreditkartenabrechnung (Buchungsbestätigung) als Zuwendungsnachweis für das Finanzamt. Bitte bewahren Sie beides auf.'
      : 'Dieser Beleg gilt zusammen mit Ihrem Kontoauszug oder Ihrer Kreditkartenabrechnung (Buchungsbestätigung) als Zuwendungsnachweis für das Finanzamt. Bitte bewahren Sie beides auf.',
  ];
}
