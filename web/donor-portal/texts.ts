import type { DonationMethod, DonationStatus, DonationSubscriptionStatus } from '../../db/schema';
import type { Text4 } from '../i18n';
import { MEMBER_FIELD_TEXTS } from '../member-fields';

/** Every text of the donor portal, in the four languages of donors (a missing one is a type error). */
export const T = {
  street: MEMBER_FIELD_TEXTS.street,
  postal_code: MEMBER_FIELD_TEXTS.postal_code,
  city: MEMBER_FIELD_TEXTS.city,
  country: MEMBER_FIELD_TEXTS.country,
  fixErrors: MEMBER_FIELD_TEXTS.fixErrors,
  portal: { de: 'Spendenportal', en: 'Donor portal', ar: 'بوابة المتبرعين', tr: 'Bağış portalı' },
  overview: { de: 'Meine Spenden', en: 'My gifts', ar: 'تبرعاتي', tr: 'Bağışlarım' },
  monthlyNav: { de: 'Monatliche Spende', en: 'Monthly gift', ar: 'التبرع الشهري', tr: 'Aylık bağış' },
  addressNav: { de: 'Name und Anschrift', en: 'Name and address', ar: 'الاسم والعنوان', tr: 'Ad ve adres' },
  logout: { de: 'Abmelden', en: 'Log out', ar: 'تسجيل الخروج', tr: 'Çıkış yap' },
  portalNav: { de: 'Navigation des Spendenportals', en: 'Donor portal navigation', ar: 'تصفح بوابة المتبرعين', tr: 'Bağış portalı menüsü' },
  back: { de: 'Zurück zu meinen Spenden', en: 'Back to my gifts', ar: 'العودة إلى تبرعاتي', tr: 'Bağışlarıma dön' },
  none: { de: '–', en: '–', ar: '–', tr: '–' },

  // login
  loginIntro: {
    de: 'Geben Sie die E-Mail-Adresse ein, mit der Sie gespendet haben. Wir schicken Ihnen einen Link, mit dem Sie sich ohne Passwort anmelden.',
    en: 'Enter the e-mail address you gave with your gift. We send you a link that logs you in without a password.',
    ar: 'أدخل عنوان البريد الإلكتروني الذي تبرعت به. سنرسل إليك رابطاً تدخل به دون كلمة مرور.',
    tr: 'Bağış yaparken verdiğiniz e-posta adresini girin. Size şifresiz giriş yapmanızı sağlayan bir bağlantı göndeririz.',
  },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address', ar: 'البريد الإلكتروني', tr: 'E-posta adresi' },
  sendLink: { de: 'Anmeldelink schicken', en: 'Send login link', ar: 'أرسل رابط الدخول', tr: 'Giriş bağlantısı gönder' },
  linkSent: {
    de: 'Wenn unter dieser Adresse Spenden eingegangen sind, ist ein Anmeldelink unterwegs. Er gilt 20 Minuten und nur einmal. Bitte sehen Sie auch im Spam-Ordner nach.',
    en: 'If gifts were made under this address, a login link is on its way. It is valid for 20 minutes and works once. Please check your spam folder too.',
    ar: 'إذا وصلت تبرعات بهذا العنوان، فرابط الدخول في طريقه إليك. الرابط صالح لمدة 20 دقيقة ولمرة واحدة فقط. يرجى التحقق من مجلد الرسائل غير المرغوب فيها أيضاً.',
    tr: 'Bu adresle bağış yapıldıysa giriş bağlantısı yolda. Bağlantı 20 dakika geçerlidir ve yalnızca bir kez kullanılabilir. Lütfen istenmeyen e-posta klasörüne de bakın.',
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
  thanks: {
    de: 'Danke für Ihre Unterstützung. Hier sehen Sie alle Spenden, die unter Ihrem Namen eingegangen sind.',
    en: 'Thank you for your support. Here you see every gift received under your name.',
    ar: 'شكراً لدعمك. هنا ترى كل التبرعات التي وصلت باسمك.',
    tr: 'Desteğiniz için teşekkürler. Burada adınıza gelen tüm bağışları görürsünüz.',
  },
  perYear: { de: 'Summe je Jahr', en: 'Total per year', ar: 'المجموع لكل سنة', tr: 'Yıllık toplam' },
  year: { de: 'Jahr', en: 'Year', ar: 'السنة', tr: 'Yıl' },
  total: { de: 'Eingegangen', en: 'Received', ar: 'الواصل', tr: 'Gelen' },
  gifts: { de: 'Spenden', en: 'Gifts', ar: 'التبرعات', tr: 'Bağışlar' },
  stillPending: { de: 'noch in Bearbeitung', en: 'still in progress', ar: 'ما زال قيد المعالجة', tr: 'hâlâ işlemde' },
  allGifts: { de: 'Alle Spenden', en: 'All gifts', ar: 'كل التبرعات', tr: 'Tüm bağışlar' },
  noGifts: { de: 'Unter Ihrem Namen ist noch keine Spende eingegangen.', en: 'No gift has been received under your name yet.', ar: 'لم يصل باسمك أي تبرع بعد.', tr: 'Adınıza henüz bağış gelmedi.' },
  date: { de: 'Datum', en: 'Date', ar: 'التاريخ', tr: 'Tarih' },
  amount: { de: 'Betrag', en: 'Amount', ar: 'المبلغ', tr: 'Tutar' },
  purpose: { de: 'Zweck', en: 'Purpose', ar: 'الغرض', tr: 'Amaç' },
  method: { de: 'Zahlungsweg', en: 'Paid by', ar: 'طريقة الدفع', tr: 'Ödeme yolu' },
  status: { de: 'Stand', en: 'Status', ar: 'الحالة', tr: 'Durum' },
  whereNeeded: { de: 'wo am nötigsten', en: 'where most needed', ar: 'حيث الحاجة أكبر', tr: 'en çok ihtiyaç duyulan yere' },
  monthlyMark: { de: '(monatlich)', en: '(monthly)', ar: '(شهري)', tr: '(aylık)' },
  receipts: { de: 'Zuwendungsbestätigungen', en: 'Donation receipts', ar: 'إيصالات التبرع', tr: 'Bağış makbuzları' },
  onReceipt: { de: 'Bestätigt mit Zuwendungsbestätigung', en: 'Confirmed on donation receipt', ar: 'مُثبت في إيصال التبرع رقم', tr: 'Bağış makbuzuyla onaylandı:' },
  partlyRefunded: { de: '{amount} zurückerstattet', en: '{amount} refunded', ar: 'أُعيد {amount}', tr: '{amount} iade edildi' },

  // monthly gifts
  monthlyTitle: { de: 'Meine monatliche Spende', en: 'My monthly gift', ar: 'تبرعي الشهري', tr: 'Aylık bağışım' },
  noMonthly: {
    de: 'Sie haben keine monatliche Spende. Auf der Spendenseite können Sie eine einrichten.',
    en: 'You have no monthly gift. You can set one up on the donation page.',
    ar: 'ليس لديك تبرع شهري. يمكنك إنشاء واحد في صفحة التبرع.',
    tr: 'Aylık bağışınız yok. Bağış sayfasından bir tane başlatabilirsiniz.',
  },
  perMonth: { de: 'im Monat', en: 'a month', ar: 'شهرياً', tr: 'ayda' },
  since: { de: 'seit', en: 'since', ar: 'منذ', tr: 'başlangıç' },
  endedOn: { de: 'beendet am', en: 'ended on', ar: 'انتهى في', tr: 'bitiş' },
  newAmount: { de: 'Neuer Monatsbetrag in Euro', en: 'New monthly amount in euros', ar: 'المبلغ الشهري الجديد باليورو', tr: 'Euro cinsinden yeni aylık tutar' },
  amountHint: { de: 'Zwischen {min} und {max}; gilt ab der nächsten Abbuchung.', en: 'Between {min} and {max}; applies from the next payment.', ar: 'بين {min} و {max}؛ يسري من الدفعة القادمة.', tr: '{min} ile {max} arasında; bir sonraki ödemeden itibaren geçerli.' },
  changeAmount: { de: 'Betrag ändern', en: 'Change amount', ar: 'غيّر المبلغ', tr: 'Tutarı değiştir' },
  pause: { de: 'Pausieren', en: 'Pause', ar: 'إيقاف مؤقت', tr: 'Duraklat' },
  pauseHint: {
    de: 'Während der Pause wird nichts abgebucht, auch nicht nachträglich.',
    en: 'Nothing is charged during the pause, not even afterwards.',
    ar: 'لا يُخصم شيء أثناء الإيقاف، ولا لاحقاً.',
    tr: 'Duraklatma süresince hiçbir şey tahsil edilmez, sonradan da edilmez.',
  },
  resume: { de: 'Wieder aufnehmen', en: 'Resume', ar: 'استئناف', tr: 'Devam ettir' },
  cancel: { de: 'Monatliche Spende beenden …', en: 'End monthly gift …', ar: 'إنهاء التبرع الشهري …', tr: 'Aylık bağışı sonlandır …' },
  stripePortal: {
    de: 'Zahlungsdaten bei Stripe ändern (Karte, Konto, Rechnungen)',
    en: 'Change payment details at Stripe (card, account, invoices)',
    ar: 'تغيير بيانات الدفع لدى Stripe (البطاقة، الحساب، الفواتير)',
    tr: 'Ödeme bilgilerini Stripe’ta değiştir (kart, hesap, faturalar)',
  },
  amountChanged: { de: 'Der Monatsbetrag ist geändert.', en: 'The monthly amount has been changed.', ar: 'تم تغيير المبلغ الشهري.', tr: 'Aylık tutar değiştirildi.' },
  paused: { de: 'Ihre monatliche Spende ist pausiert.', en: 'Your monthly gift is paused.', ar: 'تبرعك الشهري موقوف مؤقتاً.', tr: 'Aylık bağışınız duraklatıldı.' },
  resumed: { de: 'Ihre monatliche Spende läuft wieder.', en: 'Your monthly gift is running again.', ar: 'تبرعك الشهري يعمل من جديد.', tr: 'Aylık bağışınız yeniden başladı.' },
  canceled: {
    de: 'Ihre monatliche Spende ist beendet. Es wird nichts mehr abgebucht. Danke für Ihre Unterstützung!',
    en: 'Your monthly gift has ended. Nothing more will be charged. Thank you for your support!',
    ar: 'انتهى تبرعك الشهري. لن يُخصم أي شيء بعد الآن. شكراً لدعمك!',
    tr: 'Aylık bağışınız sona erdi. Artık hiçbir şey tahsil edilmeyecek. Desteğiniz için teşekkürler!',
  },
  cancelTitle: { de: 'Monatliche Spende beenden?', en: 'End the monthly gift?', ar: 'إنهاء التبرع الشهري؟', tr: 'Aylık bağış sonlandırılsın mı?' },
  cancelQuestion: {
    de: 'Möchten Sie Ihre monatliche Spende von {amount} wirklich beenden? Danach wird nichts mehr abgebucht; neu beginnen können Sie jederzeit auf der Spendenseite.',
    en: 'Do you really want to end your monthly gift of {amount}? Nothing will be charged after that; you can start again at any time on the donation page.',
    ar: 'هل تريد حقاً إنهاء تبرعك الشهري بمبلغ {amount}؟ لن يُخصم شيء بعد ذلك؛ ويمكنك البدء من جديد في أي وقت من صفحة التبرع.',
    tr: '{amount} tutarındaki aylık bağışınızı gerçekten sonlandırmak istiyor musunuz? Sonrasında hiçbir şey tahsil edilmez; bağış sayfasından istediğiniz zaman yeniden başlayabilirsiniz.',
  },
  pauseInstead: { de: 'Lieber nur pausieren?', en: 'Rather just pause?', ar: 'هل تفضّل الإيقاف المؤقت فقط؟', tr: 'Sadece duraklatmak mı istersiniz?' },
  cancelConfirm: { de: 'Ja, monatliche Spende beenden', en: 'Yes, end the monthly gift', ar: 'نعم، أنهِ التبرع الشهري', tr: 'Evet, aylık bağışı sonlandır' },
  keepIt: { de: 'Nein, weiterlaufen lassen', en: 'No, keep it running', ar: 'لا، أبقِه مستمراً', tr: 'Hayır, devam etsin' },
  toMonthly: { de: 'Zurück zur monatlichen Spende', en: 'Back to the monthly gift', ar: 'العودة إلى التبرع الشهري', tr: 'Aylık bağışa dön' },

  // address
  addressIntro: {
    de: 'So nennt Sie der Verein auf Zuwendungsbestätigungen (Spendenquittungen) und schreibt Ihnen in dieser Sprache.',
    en: 'This is how the association names you on donation receipts, and the language it writes to you in.',
    ar: 'هكذا تذكرك الجمعية في إيصالات التبرع، وهذه هي اللغة التي تراسلك بها.',
    tr: 'Dernek sizi bağış makbuzlarında böyle anar ve size bu dilde yazar.',
  },
  name: { de: 'Vor- und Nachname (oder Name der Organisation)', en: 'First and last name (or the organisation’s name)', ar: 'الاسم الكامل (أو اسم المنظمة)', tr: 'Ad soyad (veya kuruluşun adı)' },
  language: { de: 'Sprache für E-Mails', en: 'Language for e-mails', ar: 'لغة الرسائل الإلكترونية', tr: 'E-posta dili' },
  address: { de: 'Anschrift', en: 'Address', ar: 'العنوان', tr: 'Adres' },
  save: { de: 'Speichern', en: 'Save', ar: 'حفظ', tr: 'Kaydet' },
  addressSaved: { de: 'Name und Anschrift sind gespeichert.', en: 'Name and address have been saved.', ar: 'تم حفظ الاسم والعنوان.', tr: 'Ad ve adres kaydedildi.' },
  noChange: { de: 'Es gab nichts zu ändern.', en: 'There was nothing to change.', ar: 'لم يكن هناك ما يُغيَّر.', tr: 'Değiştirilecek bir şey yoktu.' },
} satisfies Record<string, Text4>;

export const DONATION_STATUS: Record<DonationStatus, Text4> = {
  pending: { de: 'in Bearbeitung', en: 'in progress', ar: 'قيد المعالجة', tr: 'işlemde' },
  succeeded: { de: 'eingegangen', en: 'received', ar: 'وصل', tr: 'alındı' },
  failed: { de: 'nicht eingegangen', en: 'not received', ar: 'لم يصل', tr: 'alınamadı' },
  refunded: { de: 'zurückerstattet', en: 'refunded', ar: 'أُعيد', tr: 'iade edildi' },
  disputed: { de: 'von der Bank zurückgefordert', en: 'reclaimed through the bank', ar: 'استردّه البنك', tr: 'banka üzerinden geri istendi' },
};

/** Why a gift has the state it has, where the word alone would leave a donor guessing. */
export const DONATION_STATUS_NOTE: Partial<Record<DonationStatus, Text4>> = {
  pending: {
    de: 'Eine SEPA-Lastschrift ist erst nach einigen Tagen bestätigt.',
    en: 'A SEPA direct debit is confirmed only after a few days.',
    ar: 'يتأكد الخصم المباشر (SEPA) بعد بضعة أيام فقط.',
    tr: 'SEPA otomatik ödemesi ancak birkaç gün sonra onaylanır.',
  },
  failed: {
    de: 'Die Zahlung ist nicht zustande gekommen; es wurde nichts abgebucht.',
    en: 'The payment did not go through; nothing was charged.',
    ar: 'لم تتم عملية الدفع؛ لم يُخصم شيء.',
    tr: 'Ödeme gerçekleşmedi; hiçbir şey tahsil edilmedi.',
  },
  refunded: {
    de: 'Der Betrag wurde Ihnen zurückgezahlt; er zählt nicht als Spende.',
    en: 'The amount was paid back to you; it does not count as a gift.',
    ar: 'أُعيد المبلغ إليك؛ ولا يُحتسب تبرعاً.',
    tr: 'Tutar size geri ödendi; bağış sayılmaz.',
  },
  disputed: {
    de: 'Die Zahlung wurde über Ihre Bank oder Kartenfirma zurückgefordert; sie zählt nicht als Spende.',
    en: 'The payment was reclaimed through your bank or card company; it does not count as a gift.',
    ar: 'طُلب استرداد المبلغ عبر بنكك أو شركة البطاقة؛ ولا يُحتسب تبرعاً.',
    tr: 'Ödeme bankanız veya kart şirketiniz üzerinden geri istendi; bağış sayılmaz.',
  },
};

export const DONATION_METHOD: Record<DonationMethod, Text4> = {
  stripe_card: { de: 'Karte (online)', en: 'card (online)', ar: 'بطاقة (عبر الإنترنت)', tr: 'kart (çevrimiçi)' },
  stripe_sepa: { de: 'SEPA-Lastschrift (online)', en: 'SEPA direct debit (online)', ar: 'خصم مباشر SEPA (عبر الإنترنت)', tr: 'SEPA otomatik ödeme (çevrimiçi)' },
  transfer: { de: 'Überweisung', en: 'bank transfer', ar: 'تحويل بنكي', tr: 'havale' },
  cash: { de: 'bar', en: 'cash', ar: 'نقداً', tr: 'nakit' },
  in_kind: { de: 'Sachspende', en: 'gift in kind', ar: 'تبرع عيني', tr: 'ayni bağış' },
};

export const MONTHLY_STATUS: Record<DonationSubscriptionStatus, Text4> = {
  incomplete: { de: 'wird eingerichtet', en: 'being set up', ar: 'قيد الإعداد', tr: 'kuruluyor' },
  active: { de: 'läuft', en: 'running', ar: 'جارٍ', tr: 'devam ediyor' },
  paused: { de: 'pausiert', en: 'paused', ar: 'موقوف مؤقتاً', tr: 'duraklatıldı' },
  past_due: { de: 'letzte Abbuchung fehlgeschlagen', en: 'last payment failed', ar: 'فشلت آخر دفعة', tr: 'son ödeme başarısız' },
  canceled: { de: 'beendet', en: 'ended', ar: 'منتهٍ', tr: 'sona erdi' },
};
