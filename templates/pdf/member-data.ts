import PDFDocument from 'pdfkit';
import type { VisitorLang } from '../../api/http/errors';
import { formatDate, formatDateTime } from '../../api/lib/dates';
import { formatIban } from '../../api/lib/iban';
import { formatEuro } from '../../api/lib/money';
import type { MemberDataExport } from '../../api/portal/export-member-data';
import { LANGUAGE_NAMES } from '../../web/i18n';
import { pdfFonts } from '../fonts/index';
import { textDirectionIsRtl, visualRuns } from './bidi';
import { CLAIM_STATUS, INTERVAL, MANDATE_STATUS, MEMBER_STATUS, PAYMENT_METHOD } from './words';

type L4 = Record<VisitorLang, string>;
const T = {
  title: { de: 'Ihre gespeicherten Daten', en: 'Your stored data', ar: 'بياناتك المخزّنة', tr: 'Kayıtlı verileriniz' },
  basis: { de: 'Auskunft nach Art. 15 DSGVO', en: 'Information under Art. 15 GDPR', ar: 'معلومات وفق المادة 15 من اللائحة العامة لحماية البيانات', tr: 'AB Genel Veri Koruma Tüzüğü (GDPR) md. 15 uyarınca bilgi' },
  asOf: { de: 'Stand', en: 'As of', ar: 'بتاريخ', tr: 'Tarih' },
  jsonNote: {
    de: 'Dieselben Daten vollständig und maschinenlesbar: die JSON-Datei im Mitgliederportal.',
    en: 'The same data, complete and machine-readable: the JSON file in the member portal.',
    ar: 'البيانات نفسها كاملة وبصيغة قابلة للقراءة آلياً: ملف JSON في بوابة الأعضاء.',
    tr: 'Aynı veriler eksiksiz ve makinece okunabilir biçimde: üye portalındaki JSON dosyası.',
  },
  personal: { de: 'Persönliche Daten', en: 'Personal data', ar: 'البيانات الشخصية', tr: 'Kişisel veriler' },
  membership: { de: 'Mitgliedschaft', en: 'Membership', ar: 'العضوية', tr: 'Üyelik' },
  consents: { de: 'Einwilligungen', en: 'Consents', ar: 'الموافقات', tr: 'İzinler' },
  application: { de: 'Mitgliedsantrag', en: 'Membership application', ar: 'طلب العضوية', tr: 'Üyelik başvurusu' },
  mandates: { de: 'SEPA-Lastschriftmandate', en: 'SEPA direct-debit mandates', ar: 'تفويضات الخصم المباشر', tr: 'SEPA otomatik ödeme talimatları' },
  claims: { de: 'Beiträge und Forderungen', en: 'Dues and charges', ar: 'الاشتراكات والمستحقات', tr: 'Aidatlar ve alacaklar' },
  payments: { de: 'Zahlungen', en: 'Payments', ar: 'المدفوعات', tr: 'Ödemeler' },
  reminders: { de: 'Zahlungserinnerungen', en: 'Payment reminders', ar: 'تذكيرات الدفع', tr: 'Ödeme hatırlatmaları' },
  mails: { de: 'E-Mails an Sie', en: 'E-mails to you', ar: 'الرسائل المرسلة إليك', tr: 'Size gönderilen e-postalar' },
  notes: { de: 'Notizen des Vereins', en: 'The association’s notes', ar: 'ملاحظات الجمعية', tr: 'Derneğin notları' },
  none: { de: 'keine', en: 'none', ar: 'لا يوجد', tr: 'yok' },
  memberNumber: { de: 'Mitgliedsnummer', en: 'Member number', ar: 'رقم العضوية', tr: 'Üye numarası' },
  name: { de: 'Name', en: 'Name', ar: 'الاسم', tr: 'Ad soyad' },
  address: { de: 'Anschrift', en: 'Address', ar: 'العنوان', tr: 'Adres' },
  email: { de: 'E-Mail', en: 'E-mail', ar: 'البريد الإلكتروني', tr: 'E-posta' },
  phone: { de: 'Telefon', en: 'Phone', ar: 'الهاتف', tr: 'Telefon' },
  birthDate: { de: 'Geburtsdatum', en: 'Date of birth', ar: 'تاريخ الميلاد', tr: 'Doğum tarihi' },
  language: { de: 'Sprache', en: 'Language', ar: 'اللغة', tr: 'Dil' },
  status: { de: 'Status', en: 'Status', ar: 'الحالة', tr: 'Durum' },
  joined: { de: 'Eintritt', en: 'Joined', ar: 'تاريخ الانضمام', tr: 'Giriş tarihi' },
  left: { de: 'Austritt', en: 'Left', ar: 'تاريخ الانسحاب', tr: 'Ayrılış tarihi' },
  type: { de: 'Mitgliedsart', en: 'Membership type', ar: 'نوع العضوية', tr: 'Üyelik türü' },
  fee: { de: 'Beitrag', en: 'Fee', ar: 'الاشتراك', tr: 'Aidat' },
  reduced: { de: 'ermäßigt', en: 'reduced', ar: 'مخفّض', tr: 'indirimli' },
  payment: { de: 'Zahlungsweise', en: 'Payment', ar: 'طريقة الدفع', tr: 'Ödeme şekli' },
  paidBy: { de: 'Bezahlt von', en: 'Paid by', ar: 'يدفع عنك', tr: 'Ödeyen' },
  paysFor: { de: 'Zahlt auch für', en: 'Also pays for', ar: 'تدفع أيضاً عن', tr: 'Ayrıca ödediği' },
  createdAt: { de: 'Angelegt', en: 'Recorded', ar: 'تاريخ التسجيل', tr: 'Kayıt tarihi' },
  updatedAt: { de: 'Zuletzt geändert', en: 'Last changed', ar: 'آخر تغيير', tr: 'Son değişiklik' },
  newsletter: { de: 'Newsletter', en: 'Newsletter', ar: 'النشرة الإخبارية', tr: 'Bülten' },
  photos: { de: 'Fotos', en: 'Photos', ar: 'الصور', tr: 'Fotoğraflar' },
  no: { de: 'nein', en: 'no', ar: 'لا', tr: 'hayır' },
  consentSince: { de: 'ja, seit {date}', en: 'yes, since {date}', ar: 'نعم، منذ {date}', tr: 'evet, {date} tarihinden beri' },
  submittedAt: { de: 'Eingegangen', en: 'Received', ar: 'تاريخ الاستلام', tr: 'Alındı' },
  acceptedAt: { de: 'Angenommen', en: 'Accepted', ar: 'تاريخ القبول', tr: 'Kabul edildi' },
  reference: { de: 'Mandatsreferenz', en: 'Mandate reference', ar: 'مرجع التفويض', tr: 'Talimat referansı' },
  signedOn: { de: 'Erteilt am', en: 'Signed on', ar: 'تاريخ التوقيع', tr: 'Verildiği tarih' },
  holder: { de: 'Kontoinhaber', en: 'Account holder', ar: 'صاحب الحساب', tr: 'Hesap sahibi' },
  lastCollected: { de: 'Zuletzt eingezogen', en: 'Last collected', ar: 'آخر تحصيل', tr: 'Son tahsilat' },
  ended: { de: 'Beendet', en: 'Ended', ar: 'انتهى', tr: 'Sona erdi' },
  onlineText: { de: 'Online erteilter Text', en: 'Text agreed online', ar: 'النص الموافق عليه عبر الإنترنت', tr: 'Çevrim içi onaylanan metin' },
  due: { de: 'Fällig', en: 'Due', ar: 'الاستحقاق', tr: 'Vade' },
  what: { de: 'Wofür', en: 'For', ar: 'البيان', tr: 'Açıklama' },
  amount: { de: 'Betrag', en: 'Amount', ar: 'المبلغ', tr: 'Tutar' },
  paid: { de: 'Bezahlt', en: 'Paid', ar: 'المدفوع', tr: 'Ödenen' },
  date: { de: 'Datum', en: 'Date', ar: 'التاريخ', tr: 'Tarih' },
  method: { de: 'Art', en: 'Method', ar: 'الطريقة', tr: 'Yöntem' },
  reversed: { de: 'zurückgebucht am', en: 'reversed on', ar: 'أُلغي بتاريخ', tr: 'iade tarihi' },
  level: { de: 'Stufe', en: 'Level', ar: 'المرحلة', tr: 'Aşama' },
  subject: { de: 'Betreff', en: 'Subject', ar: 'الموضوع', tr: 'Konu' },
  forMember: { de: 'für', en: 'for', ar: 'عن', tr: 'için' },
} satisfies Record<string, L4>;

const MARGIN = 50;
const SIZE = 9.5;
const LEADING = 1.35;

/** Lays text out on the page: wrapped in logical order, each line reordered for its direction (bidi.ts). */
class Writer {
  y = MARGIN;
  readonly left = MARGIN;
  readonly width: number;
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly rtl: boolean,
  ) {
    this.width = doc.page.width - 2 * MARGIN;
  }

  private use(size: number, bold: boolean) {
    this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
  }

  private wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.doc.widthOfString(candidate) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        // a word wider than the column (a long address without spaces) is cut where it must
        while (this.doc.widthOfString(line) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.doc.widthOfString(line.slice(0, cut)) > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Height of a text in a column, without drawing it. */
  private measure(text: string, width: number, size: number, bold = false) {
    this.use(size, bold);
    return this.wrap(text, width).length * size * LEADING;
  }

  /** Draws a text into a column from (x, y); align 'start' follows the page's direction. */
  private cell(text: string, x: number, y: number, width: number, size: number, options: { bold?: boolean; align?: 'start' | 'end' } = {}) {
    this.use(size, options.bold ?? false);
    const toRight = (options.align ?? 'start') === 'start' ? this.rtl : !this.rtl;
    const lines = this.wrap(text, width);
    // German text on an Arabic page keeps its own direction (its full stop stays at its end); alignment follows the page.
    const rtlText = textDirectionIsRtl(text) ?? this.rtl;
    lines.forEach((line, i) => {
      const runs = visualRuns(line, rtlText);
      const widths = runs.map((r) => this.doc.widthOfString(r.text));
      let cx = toRight ? x + width - widths.reduce((a, b) => a + b, 0) : x;
      runs.forEach((run, j) => {
        this.doc.text(run.text, cx, y + i * size * LEADING, { lineBreak: false, ...(run.rtl ? { features: ['rtla'] } : {}) });
        cx += widths[j]!;
      });
    });
    return lines.length * size * LEADING;
  }

  private ensure(height: number) {
    if (this.y + height > this.doc.page.height - MARGIN) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  paragraph(text: string, size = SIZE, bold = false, gap = 4) {
    this.ensure(this.measure(text, this.width, size, bold));
    this.y += this.cell(text, this.left, this.y, this.width, size, { bold }) + gap;
  }

  heading(text: string) {
    this.y += 8;
    this.ensure(13 * LEADING + SIZE * LEADING * 2);
    this.y += this.cell(text, this.left, this.y, this.width, 13, { bold: true }) + 4;
  }

  /** Label and value side by side; in right-to-left pages the label stands on the right. */
  fields(rows: [string, string | null | undefined][]) {
    const labelWidth = this.width * 0.3;
    const valueWidth = this.width - labelWidth - 10;
    const labelX = this.rtl ? this.left + this.width - labelWidth : this.left;
    const valueX = this.rtl ? this.left : this.left + labelWidth + 10;
    for (const [label, value] of rows) {
      const text = value === null || value === undefined || value === '' ? '–' : value;
      const height = Math.max(this.measure(label, labelWidth, SIZE, true), this.measure(text, valueWidth, SIZE));
      this.ensure(height);
      this.cell(label, labelX, this.y, labelWidth, SIZE, { bold: true });
      this.cell(text, valueX, this.y, valueWidth, SIZE);
      this.y += height + 2;
    }
  }

  /** A table: columns as fractions of the width, mirrored on right-to-left pages. */
  table(columns: { header: string; share: number; end?: boolean }[], rows: string[][], empty: string) {
    if (!rows.length) return this.paragraph(empty);
    const total = columns.reduce((a, c) => a + c.share, 0);
    const widths = columns.map((c) => (this.width * c.share) / total);
    const xs: number[] = [];
    let offset = 0;
    for (const w of widths) {
      xs.push(this.rtl ? this.left + this.width - offset - w : this.left + offset);
      offset += w;
    }
    const row = (cells: string[], bold: boolean) => {
      const height = Math.max(...cells.map((text, i) => this.measure(text, widths[i]! - 6, SIZE, bold)));
      this.ensure(height);
      cells.forEach((text, i) => this.cell(text, xs[i]! + 3, this.y, widths[i]! - 6, SIZE, { bold, align: columns[i]!.end ? 'end' : 'start' }));
      this.y += height + 3;
    };
    row(
      columns.map((c) => c.header),
      true,
    );
    for (const cells of rows) row(cells, false);
  }
}

/**
 * The PDF summary of a member's data export (GDPR Art. 15), in the member's language with the
 * values as stored; German dates and amounts. Same content as the JSON download.
 */
export function renderMemberDataPdf(data: MemberDataExport, lang: VisitorLang): Promise<Buffer> {
  const t = Object.fromEntries(Object.entries<L4>(T).map(([k, v]) => [k, v[lang]])) as Record<keyof typeof T, string>;
  const word = <K extends string>(words: Record<K, L4>, key: K) => words[key]?.[lang] ?? key;
  const date = (d: string | null | undefined) => (d ? formatDate(d) : null);
  const at = (iso: string | null | undefined) => (iso ? formatDateTime(new Date(iso)) : null);
  const m = data.member;
  const fonts = pdfFonts();

  // pdfkit takes the font's bytes for its first font (its type says a name): no standard font is read from disk.
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, font: fonts.regular as unknown as string, info: { Title: `${T.title.de} – ${data.association}`, Author: data.association, CreationDate: new Date(data.generated_at) } });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const w = new Writer(doc, lang === 'ar');
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  w.paragraph(t.title, 18, true, 6);
  w.paragraph(data.association, 11, false, 2);
  w.paragraph(`${t.basis} · ${t.asOf} ${at(data.generated_at)}`, SIZE, false, 2);
  w.paragraph(t.jsonNote);

  w.heading(t.personal);
  w.fields([
    [t.memberNumber, m.member_number === null ? null : String(m.member_number)],
    [t.name, `${m.first_name} ${m.last_name}`],
    [t.address, [m.street, [m.postal_code, m.city].filter(Boolean).join(' '), m.country].filter(Boolean).join(', ')],
    [t.email, m.email],
    [t.phone, m.phone],
    [t.birthDate, date(m.birth_date)],
    [t.language, LANGUAGE_NAMES[m.language]],
    [t.createdAt, at(m.created_at)],
    [t.updatedAt, at(m.updated_at)],
  ]);

  w.heading(t.membership);
  w.fields([
    [t.status, word(MEMBER_STATUS, m.status)],
    [t.joined, date(m.join_date)],
    [t.left, date(m.exit_date)],
    [t.type, m.membership_type],
    [t.fee, `${formatEuro(m.fee_cents)} ${word(INTERVAL, m.fee_interval)}${m.reduced_fee ? ` (${t.reduced})` : ''}`],
    [t.payment, word(PAYMENT_METHOD, m.payment_method)],
    [t.paidBy, m.paid_by ? `${m.paid_by.name} (${m.paid_by.member_number ?? '–'})` : null],
    [t.paysFor, m.pays_for.join(', ')],
  ]);

  w.heading(t.consents);
  w.fields([
    [t.newsletter, data.consents.newsletter_since ? t.consentSince.replace('{date}', date(data.consents.newsletter_since)!) : t.no],
    [t.photos, data.consents.photos_since ? t.consentSince.replace('{date}', date(data.consents.photos_since)!) : t.no],
  ]);

  if (data.application) {
    const a = data.application;
    w.heading(t.application);
    w.fields([
      [t.submittedAt, at(a.submitted_at)],
      [t.acceptedAt, at(a.accepted_at)],
      ...(a.iban ? ([['IBAN', formatIban(a.iban)], ['BIC', a.bic], [t.holder, a.account_holder]] as [string, string | null][]) : []),
      [t.onlineText, a.mandate_text],
    ]);
  }

  w.heading(t.mandates);
  if (!data.sepa_mandates.length) w.paragraph(t.none);
  for (const mandate of data.sepa_mandates) {
    w.fields([
      [t.reference, mandate.reference],
      [t.status, word(MANDATE_STATUS, mandate.status)],
      [t.signedOn, date(mandate.signed_on)],
      ['IBAN', formatIban(mandate.iban)],
      ['BIC', mandate.bic],
      [t.holder, mandate.account_holder],
      [t.lastCollected, date(mandate.last_collected_on)],
      [t.ended, mandate.revoked_on ? [date(mandate.revoked_on), mandate.revoked_reason].filter(Boolean).join(' – ') : null],
      ...(mandate.signed_online_text ? ([[t.onlineText, mandate.signed_online_text]] as [string, string][]) : []),
    ]);
    w.y += 6;
  }

  w.heading(t.claims);
  w.table(
    [
      { header: t.due, share: 1.1 },
      { header: t.what, share: 3 },
      { header: t.amount, share: 1.1, end: true },
      { header: t.paid, share: 1.1, end: true },
      { header: t.status, share: 1.7 },
    ],
    data.claims.map((c) => [
      formatDate(c.due_date),
      c.for_member ? `${c.label} (${t.forMember} ${c.for_member})` : c.label,
      formatEuro(c.amount_cents),
      formatEuro(c.paid_cents),
      word(CLAIM_STATUS, c.status),
    ]),
    t.none,
  );

  w.heading(t.payments);
  w.table(
    [
      { header: t.date, share: 1.1 },
      { header: t.what, share: 3 },
      { header: t.amount, share: 1.1, end: true },
      { header: t.method, share: 2.8 },
    ],
    data.payments.map((p) => [
      formatDate(p.paid_on),
      p.label,
      formatEuro(p.amount_cents),
      word(PAYMENT_METHOD, p.method) + (p.reversed_on ? ` – ${t.reversed} ${formatDate(p.reversed_on)}` : ''),
    ]),
    t.none,
  );

  w.heading(t.reminders);
  w.table(
    [
      { header: t.date, share: 1.1 },
      { header: t.what, share: 4 },
      { header: t.level, share: 1 },
    ],
    data.reminders.map((r) => [formatDate(r.sent_on), r.label, String(r.level)]),
    t.none,
  );

  w.heading(t.mails);
  w.table(
    [
      { header: t.date, share: 1.6 },
      { header: t.subject, share: 5 },
    ],
    data.mails.map((mail) => [at(mail.sent_at ?? mail.created_at)!, mail.subject]),
    t.none,
  );

  if (m.notes) {
    w.heading(t.notes);
    w.paragraph(m.notes);
  }

  doc.end();
  return done;
}
