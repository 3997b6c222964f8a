import { Hono } from 'hono';
import { hitRateLimit, type RateLimit } from '../../api/auth/rate-limit';
import { newSecret } from '../../api/auth/secrets';
import { inTransaction } from '../../api/deps';
import { kickOutbox } from '../../api/jobs/deliver-outbox';
import { actorOf, clientIp, type AppContext, type AppEnv } from '../../api/http/context';
import { msg, type AppError, type FieldError, type VisitorLang } from '../../api/http/errors';
import { visitorPage } from '../../api/http/middleware';
import { parseOrThrow } from '../../api/http/validate';
import { mandateText, mandateTranslation } from '../../api/lib/mandate-text';
import { formatEuro } from '../../api/lib/money';
import { listMembershipTypes } from '../../api/members/queries';
import { applicationSchema } from '../../api/members/schemas';
import { submitApplication } from '../../api/members/submit-application';
import { getAssociation } from '../../api/settings/queries';
import type { FeeInterval } from '../../db/schema';
import { PER_INTERVAL } from '../../templates/emails/words';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { say, texts } from '../i18n';
import { Checkbox, Csrf, ErrorSummary, Field } from '../layout';
import { MEMBER_FIELD_TEXTS } from '../member-fields';
import { IBAN_CHECK_SCRIPT, IbanField, PublicLayout } from '../public-layout';

const T = {
  ...MEMBER_FIELD_TEXTS,
  title: { de: 'Mitglied werden', en: 'Become a member', ar: 'كن عضواً', tr: 'Üye olun' },
  intro: {
    de: 'Mit diesem Antrag werden Sie Mitglied. Der Vorstand entscheidet über die Aufnahme; Sie bekommen eine Bestätigung per E-Mail und später unsere Antwort.',
    en: 'With this form you apply for membership. The board decides on it; you get a confirmation by e-mail and later our answer.',
    ar: 'بهذا الطلب تتقدّم بطلب العضوية. يقرّر مجلس الإدارة قبولك؛ وستصلك رسالة تأكيد بالبريد الإلكتروني ثم ردّنا لاحقاً.',
    tr: 'Bu formla üyelik başvurusu yaparsınız. Kabule yönetim kurulu karar verir; e-posta ile bir onay ve daha sonra cevabımızı alırsınız.',
  },
  required: { de: 'Felder mit * sind Pflichtfelder.', en: 'Fields marked * are required.', ar: 'الحقول المعلّمة بـ * إلزامية.', tr: '* ile işaretli alanlar zorunludur.' },
  you: { de: 'Über Sie', en: 'About you', ar: 'بياناتك', tr: 'Bilgileriniz' },
  first_name: { de: 'Vorname', en: 'First name', ar: 'الاسم الأول', tr: 'Ad' },
  last_name: { de: 'Nachname', en: 'Last name', ar: 'اسم العائلة', tr: 'Soyad' },
  email: { de: 'E-Mail', en: 'E-mail', ar: 'البريد الإلكتروني', tr: 'E-posta' },
  birth_date: { de: 'Geburtsdatum (freiwillig)', en: 'Date of birth (optional)', ar: 'تاريخ الميلاد (اختياري)', tr: 'Doğum tarihi (isteğe bağlı)' },
  reduced: { de: 'Ich beantrage den ermäßigten Beitrag', en: 'I ask for the reduced fee', ar: 'أطلب الاشتراك المخفّض', tr: 'İndirimli aidat talep ediyorum' },
  reducedHint: {
    de: 'Kein Nachweis nötig – wir sprechen vertraulich mit Ihnen, falls wir Fragen haben.',
    en: 'No proof needed – we will talk to you in confidence if we have questions.',
    ar: 'لا حاجة لأي إثبات – سنتحدث معك بسرية إذا كانت لدينا أسئلة.',
    tr: 'Belge gerekmez – sorumuz olursa sizinle gizli olarak konuşuruz.',
  },
  reducedFee: { de: 'ermäßigt', en: 'reduced', ar: 'مخفّض', tr: 'indirimli' },
  payment: { de: 'Wie möchten Sie den Beitrag zahlen?', en: 'How would you like to pay?', ar: 'كيف تريد دفع الاشتراك؟', tr: 'Aidatı nasıl ödemek istersiniz?' },
  sepa_debit: { de: 'SEPA-Lastschrift (wir buchen ab)', en: 'SEPA direct debit (we collect it)', ar: 'خصم مباشر SEPA (نحن نسحب المبلغ)', tr: 'SEPA otomatik ödeme (biz çekeriz)' },
  transfer: { de: 'Überweisung (Sie überweisen selbst)', en: 'Bank transfer (you pay it yourself)', ar: 'تحويل بنكي (تقوم بالتحويل بنفسك)', tr: 'Havale (kendiniz ödersiniz)' },
  mandate: { de: 'SEPA-Lastschriftmandat', en: 'SEPA direct debit mandate', ar: 'تفويض الخصم المباشر SEPA', tr: 'SEPA otomatik ödeme talimatı' },
  mandateOnlyDebit: { de: 'Nur bei Lastschrift ausfüllen.', en: 'Only for direct debit.', ar: 'يُملأ فقط عند اختيار الخصم المباشر.', tr: 'Yalnızca otomatik ödeme için doldurun.' },

  iban: { de: 'IBAN', en: 'IBAN', ar: 'رقم IBAN', tr: 'IBAN' },
  mandateBinding: {
    de: 'Mandatstext:',
    en: 'The mandate (German text, which is binding):',
    ar: 'نص التفويض (النص الألماني هو الملزم):',
    tr: 'Talimat metni (bağlayıcı olan Almanca metindir):',
  },
  translation: { de: '', en: 'Translation, for understanding:', ar: 'ترجمة للفهم:', tr: 'Anlamanız için çeviri:' },

  consents: { de: 'Freiwillige Einwilligungen', en: 'Optional consents', ar: 'موافقات اختيارية', tr: 'İsteğe bağlı onaylar' },
  newsletter: { de: 'Ich möchte den Newsletter per E-Mail bekommen.', en: 'I would like to receive the newsletter by e-mail.', ar: 'أرغب في تلقي النشرة الإخبارية بالبريد الإلكتروني.', tr: 'Bülteni e-posta ile almak istiyorum.' },
  photos: {
    de: 'Fotos, auf denen ich zu sehen bin, dürfen veröffentlicht werden.',
    en: 'Photos showing me may be published.',
    ar: 'يجوز نشر الصور التي أظهر فيها.',
    tr: 'Beni gösteren fotoğraflar yayınlanabilir.',
  },
  privacy: { de: 'Datenschutz', en: 'Privacy', ar: 'حماية البيانات', tr: 'Veri koruma' },
  privacyText: {
    de: 'Wir speichern nur, was für Ihre Mitgliedschaft nötig ist: Name, Anschrift, E-Mail, freiwillig Telefon und Geburtsdatum, Beitrag und Zahlungen. Nach Aufenthaltsstatus, Staatsangehörigkeit oder Religion fragen wir nicht. Nur die Kassenverwaltung sieht Ihre Bankdaten. Wird der Antrag abgelehnt, löschen wir Ihre Angaben sofort. Sie können jederzeit Auskunft über Ihre Daten verlangen.',
    en: 'We keep only what your membership needs: name, address, e-mail, optionally phone and date of birth, fee and payments. We do not ask about residence status, nationality or religion. Only the treasurer sees your bank details. If the application is declined, we delete your data at once. You can ask at any time what data we hold about you.',
    ar: 'نحتفظ فقط بما تحتاجه عضويتك: الاسم والعنوان والبريد الإلكتروني، واختيارياً الهاتف وتاريخ الميلاد، والاشتراك والمدفوعات. لا نسأل عن وضع الإقامة أو الجنسية أو الدين. أمين الصندوق وحده يرى بياناتك البنكية. إذا رُفض الطلب نحذف بياناتك فوراً. يمكنك في أي وقت أن تطلب معرفة البيانات التي نحتفظ بها عنك.',
    tr: 'Yalnızca üyeliğiniz için gerekli olanı saklarız: ad, adres, e-posta, isteğe bağlı telefon ve doğum tarihi, aidat ve ödemeler. Oturum durumu, vatandaşlık veya din sormayız. Banka bilgilerinizi yalnızca sayman görür. Başvuru reddedilirse bilgilerinizi hemen sileriz. Hakkınızda hangi verileri sakladığımızı istediğiniz zaman sorabilirsiniz.',
  },
  privacyAgree: { de: 'Ich habe den Datenschutzhinweis gelesen.', en: 'I have read the privacy notice.', ar: 'لقد قرأت إشعار حماية البيانات.', tr: 'Veri koruma bilgilendirmesini okudum.' },
  honeypot: { de: 'Bitte leer lassen', en: 'Please leave empty', ar: 'يرجى تركه فارغاً', tr: 'Lütfen boş bırakın' },
  submit: { de: 'Antrag absenden', en: 'Send application', ar: 'إرسال الطلب', tr: 'Başvuruyu gönder' },
  closed: {
    de: 'Online-Anträge sind gerade nicht möglich. Bitte wenden Sie sich direkt an den Verein.',
    en: 'Online applications are not possible right now. Please contact the association directly.',
    ar: 'تقديم الطلبات عبر الإنترنت غير ممكن حالياً. يرجى التواصل مع الجمعية مباشرة.',
    tr: 'Şu anda çevrimiçi başvuru yapılamıyor. Lütfen doğrudan dernekle iletişime geçin.',
  },
  thanksTitle: { de: 'Vielen Dank!', en: 'Thank you!', ar: 'شكراً لك!', tr: 'Teşekkür ederiz!' },
  thanks: {
    de: 'Wir haben Ihren Antrag erhalten und Ihnen eine Bestätigung per E-Mail geschickt. Sobald der Vorstand entschieden hat, hören Sie von uns.',
    en: 'We have received your application and sent you a confirmation by e-mail. You will hear from us as soon as the board has decided.',
    ar: 'لقد استلمنا طلبك وأرسلنا إليك تأكيداً بالبريد الإلكتروني. ستسمع منا حالما يتخذ مجلس الإدارة قراره.',
    tr: 'Başvurunuzu aldık ve size e-posta ile bir onay gönderdik. Yönetim kurulu karar verir vermez sizden haber alacaksınız.',
  },
  noMail: {
    de: 'Keine E-Mail bekommen? Bitte im Spam-Ordner nachsehen.',
    en: 'No e-mail? Please look in your spam folder.',
    ar: 'لم تصلك رسالة؟ يرجى التحقق من مجلد البريد غير المرغوب فيه.',
    tr: 'E-posta gelmedi mi? Lütfen istenmeyen e-posta klasörüne bakın.',
  },
};

/** Ten applications an hour from one address is more than any family; more is a script. */
const APPLY_LIMIT: RateLimit = {
  bucket: 'application',
  limit: 10,
  windowMs: 3_600_000,
  message: msg(
    'Zu viele Anträge von dieser Verbindung. Bitte in einer Stunde erneut versuchen.',
    'Too many applications from this connection. Please try again in an hour.',
    'طلبات كثيرة جداً من هذا الاتصال. يرجى المحاولة مرة أخرى بعد ساعة.',
    'Bu bağlantıdan çok fazla başvuru geldi. Lütfen bir saat sonra tekrar deneyin.',
  ),
};

type Form = Record<string, unknown>;

async function applyPage(c: AppContext, form: Form, error?: AppError) {
  const t = texts(c, T);
  const lang = (c.get('publicLang') ?? 'de') as VisitorLang;
  const deps = c.get('deps');
  const [association, types] = await Promise.all([getAssociation(deps.db), listMembershipTypes(deps.db, { activeOnly: true })]);
  if (!association || types.length === 0) {
    return (
      <PublicLayout c={c} title={t.title} association={association?.name ?? null}>
        <p class="flash info" role="status">
          {t.closed}
        </p>
      </PublicLayout>
    );
  }
  const errors = fieldErrorsOf(error);
  const value = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  const checked = (name: string) => form[name] === 'on';
  const errorOf = (name: string) => errors.find((e) => e.field === name);
  const debitPossible = Boolean(association.creditor_id);
  const method = value('payment_method') || (debitPossible ? 'sepa_debit' : 'transfer');
  const perInterval = (interval: FeeInterval) => PER_INTERVAL[lang][interval];
  const translation = mandateTranslation(lang, association);
  const anyReduced = types.some((ty) => ty.reduced_fee_cents !== null);
  return (
    <PublicLayout c={c} title={t.title} association={association.name} scripts={[IBAN_CHECK_SCRIPT]}>
      <p>{t.intro}</p>
      <p class="hint">{t.required}</p>
      {error && <ErrorSummary c={c} errors={errors} detail={error.code === 'validation' ? t.fixErrors : say(c, error.detail ?? msg('', ''))} />}
      <form method="post" action="/apply" novalidate>
        <Csrf c={c} />
        <input type="hidden" name="submission" value={value('submission') || newSecret()} />
        <input type="hidden" name="language" value={lang} />
        <div class="hp" aria-hidden="true">
          <label for="f-website">{t.honeypot}</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>

        <fieldset>
          <legend>{t.you}</legend>
          <div class="grid">
            <Field c={c} name="first_name" label={t.first_name} value={value('first_name')} errors={errors} required autocomplete="given-name" />
            <Field c={c} name="last_name" label={t.last_name} value={value('last_name')} errors={errors} required autocomplete="family-name" />
          </div>
          <Field c={c} name="street" label={t.street} value={value('street')} errors={errors} required autocomplete="street-address" />
          <div class="grid">
            <Field c={c} name="postal_code" label={t.postal_code} value={value('postal_code')} errors={errors} required autocomplete="postal-code" dir="ltr" />
            <Field c={c} name="city" label={t.city} value={value('city')} errors={errors} required autocomplete="address-level2" />
            <Field c={c} name="country" label={t.country} value={value('country') || 'DE'} errors={errors} autocomplete="country" dir="ltr" />
          </div>
          <div class="grid">
            <Field c={c} name="email" label={t.email} type="email" value={value('email')} errors={errors} required autocomplete="email" dir="ltr" />
            <Field c={c} name="phone" label={t.phone} type="tel" value={value('phone')} errors={errors} autocomplete="tel" dir="ltr" />
            <Field c={c} name="birth_date" label={t.birth_date} type="date" value={value('birth_date')} errors={errors} autocomplete="bday" />
          </div>
        </fieldset>

        <fieldset class={errorOf('membership_type_id') ? 'invalid' : ''} aria-describedby={errorOf('membership_type_id') ? 'e-membership_type_id' : undefined}>
          <legend>
            {t.membership} <span aria-hidden="true">*</span>
          </legend>
          <FieldsetError c={c} id="e-membership_type_id" error={errorOf('membership_type_id')} />
          {types.map((ty, i) => (
            <div class="field checkbox">
              <label for={i === 0 ? 'f-membership_type_id' : `f-type-${ty.id}`}>
                <input
                  type="radio"
                  id={i === 0 ? 'f-membership_type_id' : `f-type-${ty.id}`}
                  name="membership_type_id"
                  value={String(ty.id)}
                  checked={value('membership_type_id') ? value('membership_type_id') === String(ty.id) : i === 0}
                />{' '}
                <strong>{ty.name}</strong>: {formatEuro(ty.fee_cents)} {perInterval(ty.interval)}
                {ty.reduced_fee_cents !== null && ` (${t.reducedFee}: ${formatEuro(ty.reduced_fee_cents)})`}
              </label>
            </div>
          ))}
          {anyReduced && (
            <>
              <Checkbox c={c} name="reduced_fee" label={t.reduced} checked={checked('reduced_fee')} errors={errors} />
              <p class="hint">{t.reducedHint}</p>
            </>
          )}
        </fieldset>

        <fieldset class={errorOf('payment_method') ? 'invalid' : ''}>
          <legend>
            {t.payment} <span aria-hidden="true">*</span>
          </legend>
          <FieldsetError c={c} id="e-payment_method" error={errorOf('payment_method')} />
          {(debitPossible ? (['sepa_debit', 'transfer'] as const) : (['transfer'] as const)).map((m, i) => (
            <div class="field checkbox">
              <label for={i === 0 ? 'f-payment_method' : `f-payment-${m}`}>
                <input type="radio" id={i === 0 ? 'f-payment_method' : `f-payment-${m}`} name="payment_method" value={m} checked={method === m} /> {t[m]}
              </label>
            </div>
          ))}
          {debitPossible && (
            <fieldset>
              <legend>{t.mandate}</legend>
              <p class="hint">{t.mandateOnlyDebit}</p>
              <Field c={c} name="account_holder" label={t.account_holder} value={value('account_holder')} errors={errors} autocomplete="cc-name" dir="ltr" />
              <IbanField c={c} value={value('iban')} label={t.iban} errors={errors} />
              <Field c={c} name="bic" label={t.bic} value={value('bic')} errors={errors} dir="ltr" />
              <p>{t.mandateBinding}</p>
              <div class="legal" lang="de" dir="ltr">
                {mandateText(association)
                  .split('\n')
                  .map((line) => (
                    <p>{line}</p>
                  ))}
              </div>
              {translation && (
                <>
                  <p>{t.translation}</p>
                  <div class="legal">
                    <p>{translation}</p>
                  </div>
                </>
              )}
              <Checkbox c={c} name="mandate_agreed" label={t.mandate_agreed} checked={checked('mandate_agreed')} errors={errors} />
            </fieldset>
          )}
        </fieldset>

        <fieldset>
          <legend>{t.consents}</legend>
          <Checkbox c={c} name="consent_newsletter" label={t.newsletter} checked={checked('consent_newsletter')} errors={errors} />
          <Checkbox c={c} name="consent_photos" label={t.photos} checked={checked('consent_photos')} errors={errors} />
        </fieldset>

        <fieldset>
          <legend>{t.privacy}</legend>
          <p>{t.privacyText}</p>
          <Checkbox c={c} name="privacy_agreed" label={`${t.privacyAgree} *`} checked={checked('privacy_agreed')} errors={errors} />
        </fieldset>

        <button type="submit">{t.submit}</button>
      </form>
    </PublicLayout>
  );
}

function FieldsetError(props: { c: AppContext; id: string; error: FieldError | undefined }) {
  if (!props.error) return null;
  return (
    <small id={props.id} class="error">
      {say(props.c, props.error.message)}
    </small>
  );
}

/** The public online application (Mitgliedsantrag), in the visitor's language. */
export function webApplyRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/apply', visitorPage);
  app.use('/apply/*', visitorPage);

  app.get('/apply', async (c) => c.html(await applyPage(c, {})));

  app.post('/apply', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    // A filled honeypot is a bot: it gets the same thanks and nothing is stored.
    if (typeof form.website === 'string' && form.website.trim() !== '') return c.redirect('/apply/thanks', 303);
    const result = await attempt(async () => {
      const application = parseOrThrow(applicationSchema, { ...form, language: c.get('publicLang') });
      await hitRateLimit(deps.db, APPLY_LIMIT, clientIp(c), deps);
      return inTransaction(deps.db, (trx) => submitApplication(trx, { application, actor: { ...actorOf(c), label: 'Online-Mitgliedsantrag' } }, deps));
    });
    if (!result.ok) return c.html(await applyPage(c, form, result.error), result.error.status as 422);
    kickOutbox(deps); // the confirmation should arrive while the person still looks
    return c.redirect('/apply/thanks', 303);
  });

  app.get('/apply/thanks', async (c) => {
    const t = texts(c, T);
    const association = await getAssociation(c.get('deps').db);
    return c.html(
      <PublicLayout c={c} title={t.thanksTitle} association={association?.name ?? null}>
        <p class="flash success" role="status">
          {t.thanks}
        </p>
        <p class="hint">{t.noMail}</p>
      </PublicLayout>,
    );
  });

  return app;
}
