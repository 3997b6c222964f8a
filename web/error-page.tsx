import type { AppContext } from '../api/http/context';
import { AppError, errorTitle } from '../api/http/errors';
import { Layout } from './layout';
import { say, texts, tr } from './i18n';
import { PublicLayout } from './public-layout';

/**
 * Pages members, applicants and donors use without a staff login: an error there (an expired
 * form, a failure) is shown in their frame and language, with a way back into that area —
 * never the staff layout, whose links lead to a login they do not have.
 */
const PUBLIC_AREAS = ['/apply', '/portal', '/donate', '/donor', '/pay'];

const BACK = {
  back: { de: 'Zurück zum Anfang', en: 'Back to the start', ar: 'العودة إلى البداية', tr: 'Başa dön' },
};

export function renderErrorPage(c: AppContext, error: AppError) {
  const area = PUBLIC_AREAS.find((p) => c.req.path === p || c.req.path.startsWith(`${p}/`));
  if (area) {
    // middleware that failed before the page's own (CSRF, body limit) left the language unset
    if (!c.get('publicLang')) c.set('publicLang', c.get('visitorLang') ?? 'de');
    const t = texts(c, BACK);
    return (
      <PublicLayout c={c} title={say(c, errorTitle(error.code))} association={null}>
        {error.detail && <p role="alert">{say(c, error.detail)}</p>}
        <FieldList c={c} error={error} />
        {area !== '/pay' && (
          <p>
            <a href={area}>{t.back}</a>
          </p>
        )}
      </PublicLayout>
    );
  }
  const t = tr(c);
  return (
    <Layout c={c} title={say(c, errorTitle(error.code))} narrow>
      {error.detail && <p>{say(c, error.detail)}</p>}
      <FieldList c={c} error={error} />
      <p>
        {error.code === 'unauthenticated' ? (
          <a href="/login">{t('Zur Anmeldung', 'Go to login')}</a>
        ) : (
          <a href="/">{t('Zur Übersicht', 'Back to the overview')}</a>
        )}
      </p>
    </Layout>
  );
}

function FieldList(props: { c: AppContext; error: AppError }) {
  if (!props.error.fieldErrors.length) return null;
  return (
    <ul>
      {props.error.fieldErrors.map((e) => (
        <li>
          <code>{e.field}</code>: {say(props.c, e.message)}
        </li>
      ))}
    </ul>
  );
}
