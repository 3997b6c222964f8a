import type { Child } from 'hono/jsx';
import type { AppContext } from '../api/http/context';
import { VISITOR_LANGS } from '../api/http/errors';
import { say, texts, LANGUAGE_NAMES } from './i18n';

const T = {
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
  const flash = c.get('flash') ?? null;
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
          {flash && (
            <p class={`flash ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
              {say(c, flash.message)}
            </p>
          )}
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
