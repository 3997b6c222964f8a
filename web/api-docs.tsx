import type { AppContext } from '../api/http/context';
import { tr } from './i18n';
import { Layout } from './layout';

type Doc = { paths?: Record<string, Record<string, any>>; info: { title: string; description?: string } };

/**
 * A readable page of the OpenAPI document, rendered on the server: no script from a CDN, works
 * offline and without JavaScript. The machine-readable document is at /api/openapi.json.
 */
export function apiDocsPage(c: AppContext, doc: Doc) {
  const t = tr(c);
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <Layout c={c} title={t('API-Dokumentation', 'API documentation')}>
      <p>{doc.info.description}</p>
      <p>
        {t('Maschinenlesbar (OpenAPI 3.1):', 'Machine-readable (OpenAPI 3.1):')} <a href="/api/openapi.json">/api/openapi.json</a>.{' '}
        {t('Aufrufe mit', 'Call with')} <code>Authorization: Bearer kw_…</code> ({t('API-Token', 'API token')}).
      </p>
      {ops.map(({ path, method, op }) => (
        <section>
          <h2>
            <code>
              {method} /api/v1{path}
            </code>
          </h2>
          <p>{op.summary}</p>
          {op.description && <p class="hint">{op.description}</p>}
          {op.requestBody && (
            <details>
              <summary>{t('Anfrage', 'Request')}</summary>
              <pre>{JSON.stringify(op.requestBody.content?.['application/json']?.schema ?? op.requestBody, null, 2)}</pre>
            </details>
          )}
          <details>
            <summary>{t('Antworten', 'Responses')}</summary>
            <ul>
              {Object.entries(op.responses ?? {}).map(([status, r]: [string, any]) => (
                <li>
                  <code>{status}</code> {r.description}
                </li>
              ))}
            </ul>
          </details>
        </section>
      ))}
    </Layout>
  );
}
