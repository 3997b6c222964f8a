import type { Child } from 'hono/jsx';
import type { AppContext } from '../api/http/context';
import { VISITOR_LANGS, type FieldError } from '../api/http/errors';
import { say, texts, LANGUAGE_NAMES } from './i18n';
import { FlashMessage } from './layout';

const T = {
  ibanOk: { de: 'IBAN geprüft: Prüfziffer stimmt.', en: 'IBAN checked: check digits are right.', ar: 'تم التحقق من IBAN: أرقام التحقق صحيحة.', tr: 'IBAN kontrol edildi: kontrol rakamları doğru.' },
  ibanBad: {
    de: 'Diese IBAN stimmt nicht (Länge oder Prüfziffer) – bitte prüfen.',
    en: 'This IBAN is not right (length or check digits) – please check it.',
    ar: 'رقم IBAN هذا غير صحيح (الطول أو أرقام التحقق) – يرجى التحقق منه.',
    tr: 'Bu IBAN doğru değil (uzunluk veya kontrol rakamları) – lütfen kontrol edin.',
  },
  skip: { de: 'Zum Inhalt springen', en: 'Skip to content', ar: 'انتقل إلى المحتوى', tr: 'İçeriğe geç' },
  languages: { de: 'Sprache', en: 'Language', ar: 'اللغة', tr: 'Dil' },
};

/**
 * The frame of every page a member, applicant or donor sees: their language (German, English,
 * Arabic right to left, Turkish — switchable on every page, remembered in a cookie), the
 * association's name, no staff navigation. Pages set `visitorPage` (api/http/middleware.ts) so
 * field errors speak the same language.
 */
export function PublicLayout(props: { c: AppContext; title: string; association: string | null; children: Child; scripts?: string[]; nav?: Child }) {
  const { c } = props;
  const lang = c.get('publicLang') ?? 'de';
  const t = texts(c, T);
  return (
    <html lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.association ? `${props.title} · ${props.association}` : props.title}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="top">
          <span class="brand">{props.association ?? 'Kassenwart'}</span>
          {props.nav}
          <nav class="tools" aria-label={t.languages}>
            <ul class="langs">
              {VISITOR_LANGS.map((code) => (
                <li>
                  <a href={languageHref(c, code)} lang={code} hreflang={code} aria-current={code === lang ? 'true' : undefined}>
                    {LANGUAGE_NAMES[code]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          <FlashMessage c={c} />
          {props.children}
        </main>
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer></script>
        ))}
      </body>
    </html>
  );
}

function languageHref(c: AppContext, lang: string) {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

/**
 * The IBAN field of public forms with its live check (/assets/iban-check.js, which the page must
 * list in `scripts`): the messages in the visitor's language, announced politely; the server
 * checks again, and without JavaScript its check is all there is.
 */
export function IbanField(props: { c: AppContext; value: string | undefined; label: string; errors: FieldError[]; required?: boolean }) {
  const t = texts(props.c, T);
  const error = props.errors.find((e) => e.field === 'iban');
  const describedBy = ['iban-live', error ? 'f-iban-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for="f-iban">
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {error && (
        <small id="f-iban-error" class="error">
          {say(props.c, error.message)}
        </small>
      )}
      <input
        id="f-iban"
        name="iban"
        type="text"
        value={props.value ?? ''}
        dir="ltr"
        autocomplete="off"
        spellcheck={false}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        data-iban-check="iban-live"
        data-ok={t.ibanOk}
        data-bad={t.ibanBad}
      />
      <small id="iban-live" class="live-check" aria-live="polite"></small>
    </div>
  );
}

/** The script of IbanField. */
export const IBAN_CHECK_SCRIPT = '/assets/iban-check.js';
