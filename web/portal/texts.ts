import type { Text4 } from '../i18n';
import { MEMBER_FIELD_TEXTS } from '../member-fields';

/** Every text of the member portal, in the four member languages (a missing one is a type error). */
export const T = {
  ...MEMBER_FIELD_TEXTS,
  portal: { de: 'Mitgliederportal', en: 'Member portal', ar: 'بوابة الأعضاء', tr: 'Üye portalı' },
  overview: { de: 'Übersicht', en: 'Overview', ar: 'نظرة عامة', tr: 'Genel bakış' },
  dues: { de: 'Beiträge und Zahlungen', en: 'Dues and payments', ar: 'الاشتراكات والمدفوعات', tr: 'Aidatlar ve ödemeler' },
  myData: { de: 'Meine Daten', en: 'My data', ar: 'بياناتي', tr: 'Verilerim' },
  receipts: { de: 'Zuwendungsbestätigungen', en: 'Donation receipts', ar: 'إيصالات التبرع', tr: 'Bağış makbuzları' },
  logout: { de: 'Abmelden', en: 'Log out', ar: 'تسجيل الخروج', tr: 'Çıkış yap' },
  portalNav: { de: 'Portal-Navigation', en: 'Portal navigation', ar: 'تصفح البوابة', tr: 'Portal menüsü' },
  back: { de: 'Zurück zur Übersicht', en: 'Back to the overview', ar: 'العودة إلى النظرة العامة', tr: 'Genel bakışa dön' },

  // login
  loginIntro: {
    de: 'Geben Sie die E-Mail-Adresse ein, die der Verein von Ihnen hat. Wir schicken Ihnen einen Link, mit dem Sie sich ohne Passwort anmelden.',
    en: 'Enter the e-mail address the association has for you. We send you a link that logs you in without a password.',
    ar: 'أدخل عنوان البريد الإلكتروني المسجّل لدى الجمعية. سنرسل إليك رابطاً تدخل به دون كلمة مرور.',
    tr: 'Derneğin sizden bildiği e-posta adresini girin. Size şifresiz giriş yapmanızı sağlayan bir bağlantı göndeririz.',
  },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address', ar: 'البريد الإلكتروني', tr: 'E-posta adresi' },
  sendLink: { de: 'Anmeldelink schicken', en: 'Send login link', ar: 'أرسل رابط الدخول', tr: 'Giriş bağlantısı gönder' },
  linkSent: {
    de: 'Wenn die Adresse zu einer Mitgliedschaft gehört, ist ein Anmeldelink unterwegs. Er gilt 20 Minuten und nur einmal. Bitte sehen Sie auch im Spam-Ordner nach.',
    en: 'If the address belongs to a membership, a login link is on its way. It is valid for 20 minutes and works once. Please check your spam folder too.',
    ar: 'إذا كان العنوان مسجّلاً لعضوية، فرابط الدخول في طريقه إليك. الرابط صالح لمدة 20 دقيقة ولمرة واحدة فقط. يرجى التحقق من مجلد الرسائل غير المرغوب فيها أيضاً.',
    tr: 'Adres bir üyeliğe aitse giriş bağlantısı yolda. Bağlantı 20 dakika geçerlidir ve yalnızca bir kez kullanılabilir. Lütfen istenmeyen e-posta klasörüne de bakın.',
  },
  linkTitle: { de: 'Anmelden', en: 'Log in', ar: 'تسجيل الدخول', tr: 'Giriş yap' },
  linkIntro: {
    de: 'Bitte bestätigen Sie die Anmeldung mit einem Klick auf die Schaltfläche.',
    en: 'Please confirm the login with a click on the button.',
    ar: 'يرجى تأكيد الدخول بالضغط على الزر.',
    tr: 'Lütfen girişi düğmeye tıklayarak onaylayın.',
  },
  linkButton: { de: 'Jetzt anmelden', en: 'Log in now', ar: 'ادخل الآن', tr: 'Şimdi giriş yap' },
  linkInvalidTitle: { de: 'Link nicht gültig', en: 'Link not valid', ar: 'الرابط غير صالح', tr: 'Bağlantı geçersiz' },
  newLink: { de: 'Neuen Anmeldelink anfordern', en: 'Request a new login link', ar: 'اطلب رابط دخول جديداً', tr: 'Yeni giriş bağlantısı iste' },
  loggedOut: { de: 'Sie sind abgemeldet.', en: 'You are logged out.', ar: 'لقد سجّلت الخروج.', tr: 'Çıkış yaptınız.' },

  // overview
  hello: { de: 'Guten Tag', en: 'Hello', ar: 'مرحباً', tr: 'Merhaba' },
  memberNumber: { de: 'Mitgliedsnummer', en: 'Member number', ar: 'رقم العضوية', tr: 'Üye numarası' },
  name: { de: 'Name', en: 'Name', ar: 'الاسم', tr: 'Ad soyad' },
  address: { de: 'Anschrift', en: 'Address', ar: 'العنوان', tr: 'Adres' },
  phone: { de: 'Telefon', en: 'Phone', ar: 'الهاتف', tr: 'Telefon' },
  since: { de: ', seit {date}', en: ', since {date}', ar: '، منذ {date}', tr: ', {date} tarihinden beri' },
  fee: { de: 'Beitrag', en: 'Fee', ar: 'الاشتراك', tr: 'Aidat' },
  reduced: { de: 'ermäßigt', en: 'reduced', ar: 'مخفّض', tr: 'indirimli' },
  payment: { de: 'Zahlungsweise', en: 'Payment', ar: 'طريقة الدفع', tr: 'Ödeme şekli' },
  paidBy: { de: 'Ihre Beiträge zahlt', en: 'Your dues are paid by', ar: 'يدفع اشتراكاتك', tr: 'Aidatlarınızı ödeyen' },
  paysFor: { de: 'Sie zahlen auch für', en: 'You also pay for', ar: 'تدفع أيضاً عن', tr: 'Ayrıca ödediğiniz kişiler' },
  mandate: { de: 'Lastschriftmandat', en: 'Direct-debit mandate', ar: 'تفويض الخصم المباشر', tr: 'Otomatik ödeme talimatı' },
  noMandate: { de: 'kein Mandat', en: 'no mandate', ar: 'لا يوجد تفويض', tr: 'talimat yok' },
  reference: { de: 'Mandatsreferenz', en: 'Mandate reference', ar: 'مرجع التفويض', tr: 'Talimat referansı' },
  none: { de: '–', en: '–', ar: '–', tr: '–' },
  changeContact: { de: 'Anschrift oder Telefon ändern', en: 'Change address or phone', ar: 'تغيير العنوان أو الهاتف', tr: 'Adresi veya telefonu değiştir' },
  changeEmail: { de: 'E-Mail-Adresse ändern', en: 'Change e-mail address', ar: 'تغيير البريد الإلكتروني', tr: 'E-posta adresini değiştir' },
  changeAccount: { de: 'Bankverbindung ändern (neues Mandat)', en: 'Change bank account (new mandate)', ar: 'تغيير الحساب البنكي (تفويض جديد)', tr: 'Banka hesabını değiştir (yeni talimat)' },
  giveMandate: { de: 'Lastschriftmandat erteilen', en: 'Give a direct-debit mandate', ar: 'منح تفويض خصم مباشر', tr: 'Otomatik ödeme talimatı ver' },

  // dues
  claims: { de: 'Beiträge und Forderungen', en: 'Dues and charges', ar: 'الاشتراكات والمستحقات', tr: 'Aidatlar ve alacaklar' },
  payments: { de: 'Zahlungen', en: 'Payments', ar: 'المدفوعات', tr: 'Ödemeler' },
  due: { de: 'Fällig', en: 'Due', ar: 'الاستحقاق', tr: 'Vade' },
  what: { de: 'Wofür', en: 'For', ar: 'البيان', tr: 'Açıklama' },
  amount: { de: 'Betrag', en: 'Amount', ar: 'المبلغ', tr: 'Tutar' },
  paid: { de: 'Bezahlt', en: 'Paid', ar: 'المدفوع', tr: 'Ödenen' },
  status: { de: 'Stand', en: 'Status', ar: 'الحالة', tr: 'Durum' },
  date: { de: 'Datum', en: 'Date', ar: 'التاريخ', tr: 'Tarih' },
  method: { de: 'Art', en: 'Method', ar: 'الطريقة', tr: 'Yöntem' },
  forMember: { de: 'für', en: 'for', ar: 'عن', tr: 'için' },
  reversed: { de: 'zurückgebucht am', en: 'reversed on', ar: 'أُلغي بتاريخ', tr: 'iade tarihi' },
  noClaims: { de: 'Noch keine Beiträge.', en: 'No dues yet.', ar: 'لا توجد اشتراكات بعد.', tr: 'Henüz aidat yok.' },
  noPayments: { de: 'Noch keine Zahlungen.', en: 'No payments yet.', ar: 'لا توجد مدفوعات بعد.', tr: 'Henüz ödeme yok.' },

  // receipts (the table itself: RECEIPT_TEXTS below)
  receiptsIntro: {
    de: 'Zuwendungsbestätigungen über Ihre Mitgliedsbeiträge und Spenden, für Ihre Steuererklärung.',
    en: 'Donation receipts (Zuwendungsbestätigungen) for your membership fees and gifts, for your tax return.',
    ar: 'إيصالات التبرع (Zuwendungsbestätigungen) عن اشتراكاتك وتبرعاتك، لإقرارك الضريبي.',
    tr: 'Aidatlarınız ve bağışlarınız için bağış makbuzları (Zuwendungsbestätigungen), vergi beyannameniz için.',
  },

  // contact
  save: { de: 'Speichern', en: 'Save', ar: 'حفظ', tr: 'Kaydet' },
  contactSaved: { de: 'Ihre Anschrift ist gespeichert.', en: 'Your address is saved.', ar: 'تم حفظ عنوانك.', tr: 'Adresiniz kaydedildi.' },

  // e-mail
  emailIntro: {
    de: 'Wir schicken einen Bestätigungslink an die neue Adresse. Erst wenn Sie ihn öffnen, ändern wir die Adresse; die bisherige Adresse bekommt dann eine Nachricht.',
    en: 'We send a confirmation link to the new address. Only when you open it do we change the address; the previous address is then told.',
    ar: 'نرسل رابط تأكيد إلى العنوان الجديد. لا نغيّر العنوان إلا عندما تفتحه؛ وعندها تصل رسالة إلى العنوان السابق.',
    tr: 'Yeni adrese bir onay bağlantısı göndeririz. Adresi ancak siz bağlantıyı açtığınızda değiştiririz; önceki adrese de bilgi verilir.',
  },
  currentEmail: { de: 'Bisherige Adresse', en: 'Current address', ar: 'العنوان الحالي', tr: 'Mevcut adres' },
  newEmail: { de: 'Neue E-Mail-Adresse', en: 'New e-mail address', ar: 'البريد الإلكتروني الجديد', tr: 'Yeni e-posta adresi' },
  sendConfirmation: { de: 'Bestätigungslink schicken', en: 'Send confirmation link', ar: 'أرسل رابط التأكيد', tr: 'Onay bağlantısı gönder' },
  confirmSent: {
    de: 'Wir haben einen Bestätigungslink an die neue Adresse geschickt. Er gilt 24 Stunden.',
    en: 'We have sent a confirmation link to the new address. It is valid for 24 hours.',
    ar: 'أرسلنا رابط تأكيد إلى العنوان الجديد. الرابط صالح لمدة 24 ساعة.',
    tr: 'Yeni adrese bir onay bağlantısı gönderdik. Bağlantı 24 saat geçerlidir.',
  },
  confirmTitle: { de: 'Neue E-Mail-Adresse bestätigen', en: 'Confirm the new e-mail address', ar: 'تأكيد البريد الإلكتروني الجديد', tr: 'Yeni e-posta adresini onayla' },
  confirmButton: { de: 'Adresse bestätigen', en: 'Confirm address', ar: 'تأكيد العنوان', tr: 'Adresi onayla' },
  confirmDone: { de: 'Ihre E-Mail-Adresse ist jetzt', en: 'Your e-mail address now is', ar: 'عنوان بريدك الإلكتروني الآن هو', tr: 'E-posta adresiniz artık' },
  toPortal: { de: 'Zum Mitgliederportal', en: 'To the member portal', ar: 'إلى بوابة الأعضاء', tr: 'Üye portalına git' },

  // mandate
  mandateIntro: {
    de: 'Mit einer neuen Bankverbindung erteilen Sie ein neues SEPA-Lastschriftmandat; das bisherige endet. Wir ziehen Ihre Beiträge dann von diesem Konto ein.',
    en: 'A new bank account means a new SEPA direct-debit mandate; the previous one ends. We then collect your dues from this account.',
    ar: 'الحساب البنكي الجديد يعني تفويض خصم مباشر (SEPA) جديداً؛ وينتهي التفويض السابق. بعد ذلك نحصّل اشتراكاتك من هذا الحساب.',
    tr: 'Yeni banka hesabı, yeni bir SEPA otomatik ödeme talimatı demektir; önceki talimat sona erer. Aidatlarınızı bundan sonra bu hesaptan tahsil ederiz.',
  },
  currentMandate: { de: 'Bisheriges Mandat', en: 'Current mandate', ar: 'التفويض الحالي', tr: 'Mevcut talimat' },
  mandateTextTitle: { de: 'Text des Mandats', en: 'Text of the mandate', ar: 'نص التفويض', tr: 'Talimat metni' },
  bindingGerman: {
    de: 'Verbindlich ist der deutsche Text.',
    en: 'The German text is binding; this translation is for your information:',
    ar: 'النص الألماني هو الملزم؛ هذه الترجمة للعلم فقط:',
    tr: 'Bağlayıcı olan Almanca metindir; bu çeviri bilgi içindir:',
  },

  submitMandate: { de: 'Mandat erteilen', en: 'Give mandate', ar: 'منح التفويض', tr: 'Talimatı ver' },
  mandateSaved: {
    de: 'Ihr neues Lastschriftmandat ist gespeichert. Vor jedem Einzug kündigen wir ihn an.',
    en: 'Your new direct-debit mandate is saved. We announce every debit beforehand.',
    ar: 'تم حفظ تفويض الخصم المباشر الجديد. نُعلمك مسبقاً قبل كل عملية خصم.',
    tr: 'Yeni otomatik ödeme talimatınız kaydedildi. Her tahsilattan önce sizi bilgilendiririz.',
  },

  // data export
  dataIntro: {
    de: 'Hier erhalten Sie alle Daten, die der Verein über Sie gespeichert hat (Auskunft nach Art. 15 DSGVO): Ihre Angaben, Einwilligungen, Lastschriftmandate mit vollständiger IBAN, Beiträge, Zahlungen, Mahnungen und welche E-Mails wir Ihnen geschickt haben.',
    en: 'Here you get all data the association has stored about you (Art. 15 GDPR): your details, consents, direct-debit mandates with the full IBAN, dues, payments, reminders and which e-mails we sent you.',
    ar: 'هنا تحصل على جميع البيانات التي تخزّنها الجمعية عنك (المادة 15 من اللائحة العامة لحماية البيانات): بياناتك، موافقاتك، تفويضات الخصم المباشر مع رقم IBAN كاملاً، الاشتراكات، المدفوعات، التذكيرات، والرسائل التي أرسلناها إليك.',
    tr: 'Burada derneğin sizinle ilgili kaydettiği tüm verileri alırsınız (GDPR md. 15): bilgileriniz, izinleriniz, tam IBAN ile otomatik ödeme talimatları, aidatlar, ödemeler, hatırlatmalar ve size gönderdiğimiz e-postalar.',
  },
  downloadPdf: { de: 'Zusammenfassung als PDF', en: 'Summary as PDF', ar: 'ملخص بصيغة PDF', tr: 'PDF olarak özet' },
  downloadJson: { de: 'Alle Daten als JSON (maschinenlesbar)', en: 'All data as JSON (machine-readable)', ar: 'جميع البيانات بصيغة JSON (قابلة للقراءة آلياً)', tr: 'Tüm veriler JSON olarak (makinece okunabilir)' },
  dataHint: {
    de: 'Die Dateien enthalten Ihre Bankverbindung: Bitte speichern Sie sie sicher.',
    en: 'The files contain your bank details: please keep them safe.',
    ar: 'تحتوي الملفات على بياناتك البنكية: يرجى حفظها في مكان آمن.',
    tr: 'Dosyalar banka bilgilerinizi içerir: lütfen güvenle saklayın.',
  },
} satisfies Record<string, Text4>;

/**
 * The receipts table of both portals (member portal and donor portal, web/portal/receipts.tsx).
 * The receipt itself is a German legal document (DESIGN.md); these texts only describe it.
 */
export const RECEIPT_TEXTS = {
  receiptNumber: { de: 'Nummer', en: 'Number', ar: 'الرقم', tr: 'Numara' },
  issuedOn: { de: 'Ausgestellt am', en: 'Issued on', ar: 'تاريخ الإصدار', tr: 'Düzenleme tarihi' },
  period: { de: 'Zeitraum', en: 'Period', ar: 'الفترة', tr: 'Dönem' },
  total: { de: 'Betrag', en: 'Amount', ar: 'المبلغ', tr: 'Tutar' },
  document: { de: 'Dokument', en: 'Document', ar: 'المستند', tr: 'Belge' },
  download: { de: 'PDF herunterladen', en: 'Download PDF', ar: 'تنزيل ملف PDF', tr: 'PDF indir' },
  downloadLabel: { de: 'Zuwendungsbestätigung {number} als PDF herunterladen', en: 'Download receipt {number} as PDF', ar: 'تنزيل الإيصال رقم {number} بصيغة PDF', tr: '{number} numaralı makbuzu PDF olarak indir' },
  byPost: {
    de: 'Kommt per Post: eigenhändig unterschrieben, daher nicht zum Herunterladen.',
    en: 'Comes by post: signed by hand, so it cannot be downloaded.',
    ar: 'يصلك بالبريد: موقّع بخط اليد، لذلك لا يمكن تنزيله.',
    tr: 'Posta ile gelir: elle imzalanır, bu yüzden indirilemez.',
  },
  noReceipts: { de: 'Noch keine Zuwendungsbestätigung.', en: 'No donation receipt yet.', ar: 'لا توجد إيصالات تبرع بعد.', tr: 'Henüz bağış makbuzu yok.' },
  keepIt: {
    de: 'Die Bestätigung ist auf Deutsch, wie das Finanzamt sie verlangt. Bitte drucken Sie sie aus und bewahren Sie sie für Ihre Steuererklärung auf.',
    en: 'The receipt is in German, as the tax office requires. Please print it and keep it for your tax return.',
    ar: 'الإيصال باللغة الألمانية كما يطلبه مكتب الضرائب. يرجى طباعته والاحتفاظ به لإقرارك الضريبي.',
    tr: 'Makbuz, vergi dairesinin istediği gibi Almancadır. Lütfen yazdırın ve vergi beyannameniz için saklayın.',
  },
} satisfies Record<string, Text4>;
