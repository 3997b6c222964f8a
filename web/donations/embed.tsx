import { Hono } from 'hono';
import { listActivePurposes } from '../../api/donations/checkout-queries';
import { purposeName } from '../../api/donations/start-checkout';
import type { AppContext, AppEnv } from '../../api/http/context';
import { VISITOR_LANGS, type VisitorLang } from '../../api/http/errors';
import { getAssociation } from '../../api/settings/queries';
import { LANGUAGE_NAMES, tr } from '../i18n';
import { Layout, Select } from '../layout';
import { T } from '../donate/texts';

/** What the iframe needs to show the whole form without a scroll bar on a phone. */
const FRAME_HEIGHT = 640;

/**
 * The two ways to put the donation form on the association's own website, to copy: an iframe
 * with the embeddable form, and a plain link styled as a button (for sites that allow no
 * iframes). Both use BASE_URL, optionally a purpose and a language; a preview shows the frame.
 */
async function embedPage(c: AppContext) {
  const t = tr(c);
  const deps = c.get('deps');
  const [association, purposes] = await Promise.all([getAssociation(deps.db), listActivePurposes(deps.db)]);
  const purposeSlug = c.req.query('purpose') ?? '';
  const purpose = purposes.find((p) => p.slug === purposeSlug) ?? null;
  const langQuery = c.req.query('for_lang') as VisitorLang | undefined;
  const lang: VisitorLang = langQuery && VISITOR_LANGS.includes(langQuery) ? langQuery : 'de';
  const base = deps.config.BASE_URL.replace(/\/+$/, '');
  const query = new URLSearchParams({ lang, ...(purpose ? { purpose: purpose.slug } : {}) }).toString();
  const title = `${T.title[lang]} · ${association?.name ?? ''}`.trim();
  const iframe = `<iframe src="${escapeAttr(`${base}/donate/embed?${query}`)}" title="${escapeAttr(title)}" style="width:100%;max-width:30rem;height:${FRAME_HEIGHT}px;border:0" loading="lazy"></iframe>`;
  const button =
    `<a href="${escapeAttr(`${base}/donate?${query}`)}" style="display:inline-block;padding:.75em 1.5em;background:#0b5cad;color:#fff;border-radius:4px;` +
    `text-decoration:none;font-weight:600">${escapeHtml(T.submit[lang])}</a>`;
  return (
    <Layout c={c} title={t('Spendenformular einbinden', 'Embed the donation form')}>
      <p>
        {t(
          'So kommt das Spendenformular auf die Website des Vereins: einen der beiden Schnipsel kopieren und in die Seite einfügen. Die Zahlung öffnet sich immer im ganzen Fenster.',
          "This puts the donation form on the association's website: copy one of the two snippets into the page. The payment always opens in the whole window.",
        )}
      </p>
      <form method="get" action="/donations/embed" class="toolbar">
        <Select
          c={c}
          name="purpose"
          label={t('Zweck (freiwillig)', 'Purpose (optional)')}
          value={purpose?.slug ?? ''}
          blank={t('Wo es am nötigsten ist', 'Where it is most needed')}
          options={purposes.map((p) => ({ value: p.slug, label: purposeName(p, 'de') }))}
        />
        <Select c={c} name="for_lang" label={t('Sprache', 'Language')} value={lang} options={VISITOR_LANGS.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))} />
        <button type="submit" class="secondary">
          {t('Schnipsel anpassen', 'Update snippets')}
        </button>
      </form>

      <h2>{t('1. Formular im Rahmen (iframe)', '1. The form in a frame (iframe)')}</h2>
      <p class="hint">
        {t(
          'Betrag, Zweck und „einmalig/monatlich“ wählt man im Rahmen; E-Mail und Anschrift fragt dann unsere Spendenseite.',
          'Amount, purpose and once/monthly are chosen in the frame; our donation page then asks for e-mail and address.',
        )}
      </p>
      <label for="snippet-iframe">{t('Zum Kopieren', 'To copy')}</label>
      <textarea id="snippet-iframe" class="snippet" rows={4} readonly>
        {iframe}
      </textarea>

      <h2>{t('2. Link als Knopf', '2. A link as a button')}</h2>
      <label for="snippet-link">{t('Zum Kopieren', 'To copy')}</label>
      <textarea id="snippet-link" class="snippet" rows={3} readonly>
        {button}
      </textarea>

      <h2>{t('Vorschau', 'Preview')}</h2>
      <iframe class="preview" src={`/donate/embed?${query}`} title={title}></iframe>
      <p>
        <a class="button" href={`/donate?${query}`}>
          {T.submit[lang]}
        </a>
      </p>
    </Layout>
  );
}

function escapeHtml(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function escapeAttr(s: string) {
  return escapeHtml(s).replace(/"/g, '&quot;');
}

export function webDonationEmbedRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/donations/embed', async (c) => c.html(await embedPage(c)));
  return app;
}
