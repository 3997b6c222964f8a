import type { AppContext } from '../api/http/context';
import { AppError, errorTitle } from '../api/http/errors';
import { Layout } from './layout';
import { say, tr } from './i18n';

export function renderErrorPage(c: AppContext, error: AppError) {
  const t = tr(c);
  return (
    <Layout c={c} title={say(c, errorTitle(error.code))} narrow>
      {error.detail && <p>{say(c, error.detail)}</p>}
      {error.fieldErrors.length > 0 && (
        <ul>
          {error.fieldErrors.map((e) => (
            <li>
              <code>{e.field}</code>: {say(c, e.message)}
            </li>
          ))}
        </ul>
      )}
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
