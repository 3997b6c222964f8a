import type { VisitorLang } from '../http/errors';

export interface MandateParty {
  name: string;
  street: string;
  postal_code: string;
  city: string;
  creditor_id: string | null;
  prenotification_days: number;
}

/**
 * The SEPA-Lastschriftmandat as a member agrees to it on a web form (spec/sepa.md §7.1): creditor
 * with address and Gläubiger-ID, the DK authorisation text unchanged, recurring payments, and —
 * where the association announces debits later than 14 days ahead — the shortened
 * pre-notification period (§8.3). German is the binding text; the reference comes later (§7.1
 * allows it, at the latest with the pre-notification).
 */
export function mandateText(p: MandateParty, reference: string | null = null): string {
  return [
    'SEPA-Lastschriftmandat (wiederkehrende Zahlungen)',
    `Zahlungsempfänger: ${p.name}, ${p.street}, ${p.postal_code} ${p.city}`,
    `Gläubiger-Identifikationsnummer: ${p.creditor_id ?? '–'}`,
    `Mandatsreferenz: ${reference ?? 'wird mit der Aufnahme mitgeteilt'}`,
    `Ich ermächtige ${p.name}, Zahlungen von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die von ${p.name} auf mein Konto gezogenen Lastschriften einzulösen.`,
    'Hinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Es gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen.',
    ...(p.prenotification_days < 14 ? [`Die Frist für die Vorabankündigung (Pre-Notification) wird auf ${p.prenotification_days} Tage verkürzt.`] : []),
  ].join('\n');
}

/**
 * A translation of the authorisation for members who do not read German; the German text
 * above is what they sign, and the page says so.
 */
export function mandateTranslation(lang: VisitorLang, p: MandateParty): string | null {
  switch (lang) {
    case 'de':
      return null;
    case 'en':
      return `I authorise ${p.name} to collect payments from my account by direct debit. At the same time I instruct my bank to pay the direct debits drawn on my account by ${p.name}. Note: I can ask for a refund of a debited amount within eight weeks of the debit date, on the terms agreed with my bank.`;
    case 'ar':
      return `أفوّض ${p.name} بتحصيل المدفوعات من حسابي عن طريق الخصم المباشر. وفي الوقت نفسه أطلب من البنك الذي أتعامل معه صرف عمليات الخصم المباشر التي يسحبها ${p.name} من حسابي. ملاحظة: يمكنني خلال ثمانية أسابيع من تاريخ الخصم المطالبة باسترداد المبلغ المخصوم، وفق الشروط المتفق عليها مع البنك.`;
    case 'tr':
      return `${p.name} kuruluşunu hesabımdan otomatik ödeme talimatı ile ödeme tahsil etmeye yetkilendiriyorum. Aynı zamanda bankama, ${p.name} tarafından hesabıma çekilen otomatik ödemeleri karşılamasını talimat veriyorum. Not: Borçlandırma tarihinden itibaren sekiz hafta içinde borçlandırılan tutarın iadesini isteyebilirim; bankamla anlaştığım koşullar geçerlidir.`;
  }
}
