import { Hono } from 'hono';
import { createApiToken, revokeApiToken } from '../../api/auth/api-tokens';
import { inviteUser } from '../../api/auth/invite-user';
import { listApiTokens, listUsers } from '../../api/auth/queries';
import { createApiTokenSchema, inviteUserSchema, updateUserSchema } from '../../api/auth/schemas';
import { updateUser } from '../../api/auth/update-user';
import { listAuditEntries } from '../../api/audit/queries';
import { inTransaction } from '../../api/deps';
import { kickOutbox } from '../../api/jobs/deliver-outbox';
import { actorOf, currentUser, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { listOutboxFor } from '../../api/mail/list-outbox';
import { retryMail } from '../../api/mail/retry-mail';
import { formatDateTime } from '../../api/lib/dates';
import { ROLES } from '../../db/schema';
import { setFlash } from '../flash';
import { attempt, fieldErrorsOf, readForm } from '../forms';
import { ROLE_LABELS, STATUS_LABELS, say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Layout } from '../layout';

function idOf(c: AppContext): number {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found');
  return id;
}

export function webAdminRoutes() {
  const app = new Hono<AppEnv>();

  // ---- users
  app.get('/users', async (c) => c.html(await usersPage(c, {})));

  app.post('/users', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => {
      const input = parseOrThrow(inviteUserSchema, form);
      return inTransaction(deps.db, (trx) => inviteUser(trx, { ...input, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await usersPage(c, { form, error: result.error }), 422);
    kickOutbox(deps);
    setFlash(
      c,
      'success',
      deps.mailer
        ? msg(`${result.value.name} ist eingeladen; die E-Mail wird gesendet.`, `${result.value.name} is invited; the e-mail is being sent.`)
        : msg(`${result.value.name} ist eingeladen; die E-Mail wartet im Postausgang (kein Mailversand eingerichtet).`, `${result.value.name} is invited; the e-mail waits in the outbox (no mail delivery configured).`),
    );
    return c.redirect('/users');
  });

  app.post('/users/:id', async (c) => {
    const deps = c.get('deps');
    const id = idOf(c);
    const form = await readForm(c);
    const result = await attempt(() => {
      const changes = parseOrThrow(updateUserSchema, form);
      return inTransaction(deps.db, (trx) => updateUser(trx, { id, changes, actor: actorOf(c) }, deps));
    });
    if (!result.ok) {
      setFlash(c, 'error', result.error.detail ?? result.error.fieldErrors[0]?.message ?? msg('Nicht gespeichert.', 'Not saved.'));
    } else {
      setFlash(c, 'success', msg(`${result.value.name}: gespeichert.`, `${result.value.name}: saved.`));
    }
    return c.redirect('/users');
  });

  // ---- API tokens
  app.get('/api-tokens', async (c) => c.html(await tokensPage(c, {})));

  app.post('/api-tokens', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => {
      const input = parseOrThrow(createApiTokenSchema, form);
      return inTransaction(deps.db, (trx) => createApiToken(trx, { ...input, actor: actorOf(c) }, deps));
    });
    if (!result.ok) return c.html(await tokensPage(c, { form, error: result.error }), 422);
    // The secret is shown on this one response and never again (no redirect, no flash cookie).
    return c.html(await tokensPage(c, { created: result.value.token }), 201);
  });

  app.post('/api-tokens/:id/revoke', async (c) => {
    const deps = c.get('deps');
    const id = idOf(c);
    const result = await attempt(() => inTransaction(deps.db, (trx) => revokeApiToken(trx, { id, actor: actorOf(c) }, deps)));
    if (result.ok) setFlash(c, 'success', msg(`Token „${result.value.name}“ ist widerrufen.`, `Token “${result.value.name}” is revoked.`));
    else setFlash(c, 'error', result.error.detail ?? msg('Nicht gefunden.', 'Not found.'));
    return c.redirect('/api-tokens');
  });

  // ---- audit log
  app.get('/audit', async (c) => {
    const t = tr(c);
    const beforeId = Number(c.req.query('before')) || undefined;
    const entity = c.req.query('entity') || undefined;
    const rows = await listAuditEntries(c.get('deps').db, { limit: 100, beforeId, entity });
    const lang = c.get('lang');
    return c.html(
      <Layout c={c} title={t('Änderungsprotokoll', 'Audit log')}>
        <p>{t('Jede Änderung an Geld oder personenbezogenen Daten, wer, wann, vorher und nachher. IBANs und Geheimnisse sind maskiert.', 'Every change to money or personal data: who, when, before and after. IBANs and secrets are masked.')}</p>
        {rows.length === 0 ? (
          <EmptyState>{t('Noch keine Einträge.', 'No entries yet.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Zeit', 'Time')}</th>
                  <th scope="col">{t('Wer', 'Who')}</th>
                  <th scope="col">{t('Was', 'What')}</th>
                  <th scope="col">{t('Objekt', 'Object')}</th>
                  <th scope="col">{t('Änderung', 'Change')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>{formatDateTime(r.at, lang)}</td>
                    <td>{r.actor}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>
                      {r.entity}
                      {r.entity_id ? ` #${r.entity_id}` : ''}
                    </td>
                    <td>
                      <details>
                        <summary>{t('vorher / nachher', 'before / after')}</summary>
                        <pre>{JSON.stringify({ before: r.before, after: r.after }, null, 2)}</pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rows.length === 100 && <a href={`/audit?before=${rows[rows.length - 1]!.id}`}>{t('Ältere Einträge', 'Older entries')}</a>}
      </Layout>,
    );
  });

  // ---- outbox
  app.get('/outbox', async (c) => {
    const t = tr(c);
    const deps = c.get('deps');
    const lang = c.get('lang');
    const status = (['pending', 'sent', 'failed'] as const).find((s) => s === c.req.query('status'));
    const { counts, mails } = await listOutboxFor(deps.db, { viewerEmail: currentUser(c).email, status });
    return c.html(
      <Layout c={c} title={t('Postausgang', 'Outbox')}>
        <p>
          {deps.mailer
            ? t(`Mails werden über ${deps.mailer.name.toUpperCase()} zugestellt, mit Wiederholungen bei Fehlern.`, `Mails are delivered through ${deps.mailer.name.toUpperCase()}, retried on failure.`)
            : t('Es ist kein Mailversand eingerichtet (SMTP_URL). Die Mails bleiben hier und zeigen, was verschickt würde.', 'No mail delivery is configured (SMTP_URL). Mails stay here and show what would be sent.')}
        </p>
        <p>
          <a href="/outbox">{t('Alle', 'All')}</a> · <a href="/outbox?status=pending">{t(`Wartend (${counts.pending ?? 0})`, `Waiting (${counts.pending ?? 0})`)}</a> ·{' '}
          <a href="/outbox?status=failed">{t(`Fehlgeschlagen (${counts.failed ?? 0})`, `Failed (${counts.failed ?? 0})`)}</a> ·{' '}
          <a href="/outbox?status=sent">{t(`Versandt (${counts.sent ?? 0})`, `Sent (${counts.sent ?? 0})`)}</a>
        </p>
        {mails.length === 0 ? (
          <EmptyState>{t('Keine Mails.', 'No mails.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Erstellt', 'Created')}</th>
                  <th scope="col">{t('An', 'To')}</th>
                  <th scope="col">{t('Betreff und Text', 'Subject and text')}</th>
                  <th scope="col">{t('Status', 'Status')}</th>
                  <th scope="col">{t('Aktion', 'Action')}</th>
                </tr>
              </thead>
              <tbody>
                {mails.map((m) => (
                  <tr>
                    <td>{formatDateTime(m.created_at, lang)}</td>
                    <td>{m.to_address}</td>
                    <td>
                      <details>
                        <summary>{m.subject}</summary>
                        <pre>{m.text_body}</pre>
                      </details>
                    </td>
                    <td>
                      <span class={`badge ${m.status}`}>{say(c, STATUS_LABELS[m.status]!)}</span>
                      {m.attempts > 0 && <div>{t(`${m.attempts} Versuch(e)`, `${m.attempts} attempt(s)`)}</div>}
                      {m.status === 'pending' && m.attempts > 0 && <div>{t('nächster Versuch', 'next try')}: {formatDateTime(m.next_attempt_at, lang)}</div>}
                      {m.last_error && <div class="error">{m.last_error}</div>}
                    </td>
                    <td>
                      {m.status === 'failed' && (
                        <form method="post" action={`/outbox/${m.id}/retry`}>
                          <Csrf c={c} />
                          <button type="submit" class="secondary">
                            {t('Erneut versuchen', 'Retry')}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.post('/outbox/:id/retry', async (c) => {
    const deps = c.get('deps');
    const id = idOf(c);
    const result = await attempt(() => inTransaction(deps.db, (trx) => retryMail(trx, { id, actor: actorOf(c) }, deps)));
    if (result.ok) {
      kickOutbox(deps);
      setFlash(c, 'success', msg('Die Mail ist wieder eingereiht.', 'The mail is queued again.'));
    } else setFlash(c, 'error', result.error.detail ?? msg('Nicht gefunden.', 'Not found.'));
    return c.redirect('/outbox');
  });

  return app;
}

function RoleSelect(props: { c: AppContext; name: string; value?: string; id?: string }) {
  return (
    <select name={props.name} id={props.id}>
      {ROLES.map((r) => (
        <option value={r} selected={props.value === r}>
          {say(props.c, ROLE_LABELS[r])}
        </option>
      ))}
    </select>
  );
}

async function usersPage(c: AppContext, v: { form?: Record<string, unknown>; error?: AppError }) {
  const t = tr(c);
  const users = await listUsers(c.get('deps').db);
  const errors = fieldErrorsOf(v.error);
  const form = (v.form ?? {}) as Record<string, string>;
  const me = currentUser(c);
  return (
    <Layout c={c} title={t('Benutzer', 'Users')}>
      <div class="table-wrap">
        <table>
          <caption class="hint">{t('Konten mit Zugang zu Kassenwart', 'Accounts with access to Kassenwart')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Name', 'Name')}</th>
              <th scope="col">{t('E-Mail', 'E-mail')}</th>
              <th scope="col">{t('Status', 'Status')}</th>
              <th scope="col">{t('Rolle ändern', 'Change role')}</th>
              <th scope="col">{t('Zugang', 'Access')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <span class={`badge ${u.status}`}>{say(c, STATUS_LABELS[u.status]!)}</span>
                </td>
                <td>
                  <form method="post" action={`/users/${u.id}`}>
                    <Csrf c={c} />
                    <label class="skip" for={`role-${u.id}`}>
                      {t(`Rolle von ${u.name}`, `Role of ${u.name}`)}
                    </label>
                    <RoleSelect c={c} name="role" value={u.role} id={`role-${u.id}`} />{' '}
                    <button type="submit" class="secondary">
                      {t('Speichern', 'Save')}
                    </button>
                  </form>
                </td>
                <td>
                  {u.id !== me.id && u.status !== 'invited' && (
                    <form method="post" action={`/users/${u.id}`}>
                      <Csrf c={c} />
                      <input type="hidden" name="status" value={u.status === 'disabled' ? 'active' : 'disabled'} />
                      <button type="submit" class={u.status === 'disabled' ? 'secondary' : 'danger'}>
                        {u.status === 'disabled' ? t('Entsperren', 'Enable') : t('Sperren', 'Disable')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="invite">{t('Benutzer einladen', 'Invite a user')}</h2>
      <ErrorSummary c={c} errors={errors} detail={v.error?.detail ? say(c, v.error.detail) : undefined} />
      <form method="post" action="/users" novalidate>
        <Csrf c={c} />
        <div class="grid">
          <Field c={c} name="name" label={t('Name', 'Name')} value={form.name} errors={errors} required />
          <Field c={c} name="email" label={t('E-Mail-Adresse', 'E-mail address')} type="email" value={form.email} errors={errors} required />
          <div class="field">
            <label for="f-role">{t('Rolle', 'Role')}</label>
            <RoleSelect c={c} name="role" value={form.role ?? 'board'} id="f-role" />
          </div>
          <div class="field">
            <label for="f-language">{t('Sprache der Einladung', 'Language of the invitation')}</label>
            <select name="language" id="f-language">
              <option value="de" selected={form.language !== 'en'}>
                Deutsch
              </option>
              <option value="en" selected={form.language === 'en'}>
                English
              </option>
            </select>
          </div>
        </div>
        <button type="submit">{t('Einladen', 'Invite')}</button>
      </form>
    </Layout>
  );
}

async function tokensPage(c: AppContext, v: { form?: Record<string, unknown>; error?: AppError; created?: string }) {
  const t = tr(c);
  const lang = c.get('lang');
  const tokens = await listApiTokens(c.get('deps').db);
  const errors = fieldErrorsOf(v.error);
  const form = (v.form ?? {}) as Record<string, string>;
  return (
    <Layout c={c} title={t('API-Tokens', 'API tokens')}>
      <p>
        {t('Für Anbindungen wie die Website des Vereins. Ein Token hat die Rechte seiner Rolle; es wird nur einmal angezeigt und nur als Prüfsumme gespeichert.', 'For integrations such as the association’s website. A token has the rights of its role; it is shown once and stored only as a hash.')}{' '}
        <a href="/api/docs">{t('API-Dokumentation', 'API documentation')}</a>
      </p>
      {v.created && (
        <div class="flash success" role="status">
          <p>{t('Neues Token – jetzt kopieren, es wird nicht wieder angezeigt:', 'New token – copy it now, it will not be shown again:')}</p>
          <code class="secret">{v.created}</code>
        </div>
      )}
      {tokens.length === 0 ? (
        <EmptyState>{t('Noch keine API-Tokens.', 'No API tokens yet.')}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Name', 'Name')}</th>
                <th scope="col">{t('Rolle', 'Role')}</th>
                <th scope="col">{t('Kennung', 'Hint')}</th>
                <th scope="col">{t('Erstellt', 'Created')}</th>
                <th scope="col">{t('Zuletzt benutzt', 'Last used')}</th>
                <th scope="col">{t('Status', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tk) => (
                <tr>
                  <td>{tk.name}</td>
                  <td>{say(c, ROLE_LABELS[tk.role])}</td>
                  <td>
                    <code>{tk.token_hint}</code>
                  </td>
                  <td>
                    {formatDateTime(tk.created_at, lang)}
                    {tk.created_by_name ? ` (${tk.created_by_name})` : ''}
                  </td>
                  <td>{tk.last_used_at ? formatDateTime(tk.last_used_at, lang) : '–'}</td>
                  <td>
                    {tk.revoked_at ? (
                      <span class="badge disabled">{t('widerrufen', 'revoked')}</span>
                    ) : (
                      <form method="post" action={`/api-tokens/${tk.id}/revoke`}>
                        <Csrf c={c} />
                        <button type="submit" class="danger">
                          {t('Widerrufen', 'Revoke')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('Neues Token', 'New token')}</h2>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/api-tokens" novalidate>
        <Csrf c={c} />
        <div class="grid">
          <Field c={c} name="name" label={t('Wofür?', 'What for?')} value={form.name} errors={errors} required hint={t('z. B. „Website Spendenformular“', 'e.g. “website donation form”')} />
          <div class="field">
            <label for="f-role">{t('Rolle', 'Role')}</label>
            <RoleSelect c={c} name="role" value={form.role ?? 'member'} id="f-role" />
          </div>
        </div>
        <button type="submit">{t('Token erzeugen', 'Create token')}</button>
      </form>
    </Layout>
  );
}
