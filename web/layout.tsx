import type { Child } from 'hono/jsx';
import { isAllowed, accessFor } from '../api/http/access';
import type { AppContext } from '../api/http/context';
import { roleOf } from '../api/http/context';
import { CSRF_FIELD } from '../api/http/middleware';
import type { FieldError } from '../api/http/errors';
import { ROLE_LABELS, say, tr } from './i18n';

interface NavItem {
  href: string;
  de: string;
  en: string;
}
/** The one navigation; each entry shows only to roles the ACCESS table lets in. */
const NAV: NavItem[] = [
  { href: '/', de: 'Übersicht', en: 'Overview' },
  { href: '/dashboard', de: 'Finanzen', en: 'Finances' },
  { href: '/members', de: 'Mitglieder', en: 'Members' },
  { href: '/dues', de: 'Beiträge', en: 'Dues' },
  { href: '/sepa', de: 'Lastschriften', en: 'Direct debits' },
  { href: '/donations', de: 'Spenden', en: 'Donations' },
  { href: '/receipts', de: 'Zuwendungsbestätigungen', en: 'Receipts' },
  { href: '/grants', de: 'Förderanträge', en: 'Grants' },
  { href: '/settings', de: 'Einstellungen', en: 'Settings' },
  { href: '/users', de: 'Benutzer', en: 'Users' },
  { href: '/api-tokens', de: 'API-Tokens', en: 'API tokens' },
  { href: '/audit', de: 'Protokoll', en: 'Audit log' },
  { href: '/outbox', de: 'Postausgang', en: 'Outbox' },
  { href: '/stripe-events', de: 'Stripe-Ereignisse', en: 'Stripe events' },
];

export function Layout(props: { c: AppContext; title: string; children: Child; narrow?: boolean }) {
  const { c } = props;
  const t = tr(c);
  const lang = c.get('lang');
  const identity = c.get('identity') ?? { kind: 'anonymous' as const };
  const role = roleOf(identity);
  const path = c.req.path;
  const nav = role ? NAV.filter((item) => isAllowed(accessFor('GET', item.href)!.access, role)) : [];
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content={c.get('csrfToken') ?? ''} />
        <title>{`${props.title} · Kassenwart`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('Zum Inhalt springen', 'Skip to content')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            Kassenwart
          </a>
          {nav.length > 0 && (
            <nav aria-label={t('Hauptnavigation', 'Main navigation')}>
              <ul>
                {nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={path === item.href ? 'page' : item.href !== '/' && path.startsWith(`${item.href}/`) ? 'true' : undefined}>
                      {t(item.de, item.en)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="tools">
            <a href={switchLanguageHref(c, lang === 'de' ? 'en' : 'de')} lang={lang === 'de' ? 'en' : 'de'}>
              {lang === 'de' ? 'English' : 'Deutsch'}
            </a>
            {identity.kind === 'user' && (
              <>
                <a href="/account" title={say(c, ROLE_LABELS[identity.user.role])}>
                  {identity.user.name}
                </a>
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name={CSRF_FIELD} value={c.get('csrfToken')} />
                  <button type="submit" class="link">
                    {t('Abmelden', 'Log out')}
                  </button>
                </form>
              </>
            )}
          </div>
        </header>
        <main id="main" class={props.narrow ? 'narrow' : ''}>
          <h1>{props.title}</h1>
          <FlashMessage c={c} />
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The same page in the other language, keeping its query (an invitation link's token, paging). */
function switchLanguageHref(c: AppContext, lang: 'de' | 'en') {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

/** The message of the previous step (post/redirect/get), announced to screen readers. */
export function FlashMessage(props: { c: AppContext }) {
  const flash = props.c.get('flash') ?? null;
  if (!flash) return null;
  return (
    <p class={`flash ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {say(props.c, flash.message)}
    </p>
  );
}

export function Csrf(props: { c: AppContext }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.c.get('csrfToken')} />;
}

/** The list of problems above a form, each linked to its field. */
export function ErrorSummary(props: { c: AppContext; errors: FieldError[]; detail?: string }) {
  const t = tr(props.c);
  if (!props.errors.length && !props.detail) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>
        <strong>{props.detail ?? t('Bitte die markierten Felder korrigieren:', 'Please correct the marked fields:')}</strong>
      </p>
      {props.errors.length > 0 && (
        <ul>
          {props.errors.map((e) => (
            <li>
              <a href={`#f-${e.field.replace(/\./g, '-')}`}>{say(props.c, e.message)}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Field(props: {
  c: AppContext;
  name: string;
  label: string;
  value?: string | number | null;
  type?: string;
  errors?: FieldError[];
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  dir?: string;
  /** Distinguishes ids when one page holds several forms with the same field names. */
  idPrefix?: string;
}) {
  const frame = fieldFrame(props, (e) => e.field === props.name || e.field.endsWith(`.${props.name}`));
  return (
    <FieldFrame c={props.c} frame={frame} label={props.label} hint={props.hint} required={props.required}>
      <input
        id={frame.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? '')}
        required={props.required}
        aria-invalid={frame.error ? 'true' : undefined}
        aria-describedby={frame.describedBy}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode as never}
        dir={props.dir}
      />
    </FieldFrame>
  );
}

interface Frame {
  id: string;
  error: FieldError | undefined;
  describedBy: string | undefined;
}

/** Id, matching error and aria-describedby of a form control. */
function fieldFrame(props: { name: string; idPrefix?: string; hint?: string; errors?: FieldError[] }, matches: (e: FieldError) => boolean): Frame {
  const id = `f-${props.idPrefix ?? ''}${props.name.replace(/\./g, '-')}`;
  const error = props.errors?.find(matches);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, error, describedBy };
}

/** Label, hint and error around one control: the same markup for every kind of field. */
function FieldFrame(props: { c: AppContext; frame: Frame; label: string; hint?: string; required?: boolean; children: Child }) {
  const { id, error } = props.frame;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="error">
          {say(props.c, error.message)}
        </small>
      )}
      {props.children}
    </div>
  );
}

export function EmptyState(props: { children: Child }) {
  return <p class="empty">{props.children}</p>;
}

export function Select(props: {
  c: AppContext;
  name: string;
  label: string;
  value?: string | number | null;
  options: { value: string | number; label: string }[];
  errors?: FieldError[];
  required?: boolean;
  hint?: string;
  blank?: string;
  idPrefix?: string;
}) {
  const frame = fieldFrame(props, (e) => e.field === props.name);
  return (
    <FieldFrame c={props.c} frame={frame} label={props.label} hint={props.hint} required={props.required}>
      <select id={frame.id} name={props.name} required={props.required} aria-invalid={frame.error ? 'true' : undefined} aria-describedby={frame.describedBy}>
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map((o) => (
          <option value={String(o.value)} selected={String(props.value ?? '') === String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox(props: { c: AppContext; name: string; label: string; checked?: boolean; errors?: FieldError[]; idPrefix?: string }) {
  const id = `f-${props.idPrefix ?? ''}${props.name.replace(/\./g, '-')}`;
  const error = props.errors?.find((e) => e.field === props.name);
  return (
    <div class={`field checkbox${error ? ' invalid' : ''}`}>
      {error && (
        <small id={`${id}-error`} class="error">
          {say(props.c, error.message)}
        </small>
      )}
      <label for={id}>
        <input type="checkbox" id={id} name={props.name} checked={props.checked} aria-describedby={error ? `${id}-error` : undefined} /> {props.label}
      </label>
    </div>
  );
}

/** Page links for a long list, keeping the current filter. */
export function Pager(props: { c: AppContext; page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const t = tr(props.c);
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages === 1) return null;
  return (
    <nav aria-label={t('Seiten', 'Pages')} class="pager">
      {props.page > 1 && <a href={props.href(props.page - 1)}>{t('← zurück', '← previous')}</a>}{' '}
      <span>{t(`Seite ${props.page} von ${pages}`, `Page ${props.page} of ${pages}`)}</span>{' '}
      {props.page < pages && <a href={props.href(props.page + 1)}>{t('weiter →', 'next →')}</a>}
    </nav>
  );
}
