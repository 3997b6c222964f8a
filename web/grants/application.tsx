import type { AppContext } from '../../api/http/context';
import type { AppError } from '../../api/http/errors';
import type { ApplicationDetail, TimelineEntry } from '../../api/grants/application-detail';
import { ALLOWED_TEXT } from '../../api/grants/document-content';
import { formatDate } from '../../api/lib/dates';
import { GRANT_DOCUMENT_MAX_BYTES, GRANT_STATUS_LABELS, NEEDS_APPROVED_AMOUNT } from '../../api/lib/grants';
import { formatEuro } from '../../api/lib/money';
import { fieldErrorsOf } from '../forms';
import { say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Layout, Select } from '../layout';
import { DeadlinesSection } from './deadlines-section';
import { funderLabel } from './funders';
import { MoneySection } from './money-section';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function TimelineItem(props: { c: AppContext; e: TimelineEntry; applicationId: number }) {
  const { c, e } = props;
  const t = tr(c);
  const st = (s: keyof typeof GRANT_STATUS_LABELS) => say(c, GRANT_STATUS_LABELS[s]);
  let what;
  switch (e.kind) {
    case 'status':
      what = e.from ? t(`Status: ${st(e.from)} → ${st(e.to)}`, `Status: ${st(e.from)} → ${st(e.to)}`) : t(`Angelegt als ${st(e.to)}`, `Created as ${st(e.to)}`);
      break;
    case 'document':
      what = t(`Dokument hinzugefügt: ${e.title}`, `Document added: ${e.title}`);
      break;
    case 'payment':
      what = t(`Zahlung eingegangen: ${formatEuro(e.amountCents)}`, `Payment received: ${formatEuro(e.amountCents)}`) + (e.reference ? ` (${e.reference})` : '');
      break;
    case 'deadline':
      what = t(`Frist erledigt: ${e.title} (fällig ${formatDate(e.dueOn)})`, `Deadline done: ${e.title} (due ${formatDate(e.dueOn)})`);
      break;
  }
  return (
    <li>
      <time datetime={e.on}>{formatDate(e.on)}</time> – {what}
      {e.by && <small class="hint"> · {e.by}</small>}
      {e.kind === 'status' && e.note && <div class="hint">{e.note}</div>}
    </li>
  );
}

export interface ApplicationPageErrors {
  move?: AppError;
  moveValues?: Record<string, string>;
  document?: AppError;
  documentValues?: Record<string, string>;
}

export function ApplicationPage(props: { c: AppContext; detail: ApplicationDetail; today: string } & ApplicationPageErrors) {
  const { c, detail } = props;
  const a = detail.application;
  const t = tr(c);
  const moveErrors = fieldErrorsOf(props.move);
  const mv = props.moveValues ?? {};
  const docErrors = fieldErrorsOf(props.document);
  const dv = props.documentValues ?? {};
  const needsAmount = detail.nextStatuses.some((s) => NEEDS_APPROVED_AMOUNT.includes(s));
  return (
    <Layout c={c} title={a.title}>
      <div class="actions">
        <a class="button" href={`/grants/${a.id}/edit`}>
          {t('Bearbeiten', 'Edit')}
        </a>
        <a class="button" href={`/grants/${a.id}/finances`}>
          {t('Finanzen', 'Finances')}
        </a>
        <a href="/grants/calendar">{t('Fristenkalender', 'Deadline calendar')}</a> <a href="/grants">{t('Alle Anträge', 'All applications')}</a>
      </div>
      <dl class="facts">
        <dt>{t('Status', 'Status')}</dt>
        <dd>
          <strong id="status">{say(c, GRANT_STATUS_LABELS[a.status])}</strong> {t(`seit ${formatDate(a.status_since)}`, `since ${formatDate(a.status_since)}`)}
        </dd>
        <dt>{t('Fördermittelgeber', 'Funder')}</dt>
        <dd>
          <a href={`/funders/${a.funder_id}`}>{funderLabel({ name: a.funder_name, programme: a.funder_programme })}</a>
        </dd>
        <dt>{t('Projekt', 'Project')}</dt>
        <dd>{a.project ?? '–'}</dd>
        <dt>{t('Verantwortlich', 'Responsible')}</dt>
        <dd>{a.responsible_name ?? '–'}</dd>
        <dt>{t('Beantragt', 'Requested')}</dt>
        <dd>{formatEuro(a.requested_cents)}</dd>
        <dt>{t('Bewilligt', 'Approved')}</dt>
        <dd>
          {a.approved_cents === null ? '–' : formatEuro(a.approved_cents)}
          {a.approved_cents !== null && a.approved_cents > a.requested_cents && <span class="badge failed"> {t('über dem beantragten Betrag', 'above the requested amount')}</span>}
        </dd>
        <dt>{t('Eigenanteil', 'Own contribution')}</dt>
        <dd>{formatEuro(a.own_contribution_cents)}</dd>
        <dt>{t('Eingereicht am', 'Submitted on')}</dt>
        <dd>{a.submitted_on ? formatDate(a.submitted_on) : '–'}</dd>
        <dt>{t('Projektzeitraum', 'Project period')}</dt>
        <dd>{a.period_from || a.period_to ? `${a.period_from ? formatDate(a.period_from) : '…'} – ${a.period_to ? formatDate(a.period_to) : '…'}` : '–'}</dd>
        <dt>{t('Auflagen', 'Conditions')}</dt>
        <dd>{a.conditions ?? '–'}</dd>
        <dt>{t('Notizen', 'Notes')}</dt>
        <dd>{a.notes ?? '–'}</dd>
      </dl>

      <section aria-labelledby="move-heading">
        <h2 id="move-heading">{t('Weiter im Ablauf', 'Next step')}</h2>
        {detail.nextStatuses.length === 0 && <ErrorSummary c={c} errors={[]} detail={props.move?.detail ? say(c, props.move.detail) : undefined} />}
        {detail.nextStatuses.length === 0 ? (
          <p>{t('Dieser Antrag ist abgeschlossen: von hier geht es nicht weiter.', 'This application is finished: there is no next step.')}</p>
        ) : (
          <form method="post" action={`/grants/${a.id}/status`} novalidate>
            <Csrf c={c} />
            <ErrorSummary c={c} errors={moveErrors} detail={props.move?.detail ? say(c, props.move.detail) : undefined} />
            <div class="grid">
              <Select
                c={c}
                name="to"
                label={t('Neuer Status', 'New status')}
                value={mv.to ?? detail.nextStatuses[0]}
                options={detail.nextStatuses.map((s) => ({ value: s, label: say(c, GRANT_STATUS_LABELS[s]) }))}
                errors={moveErrors}
                required
              />
              <Field c={c} name="on" type="date" label={t('Am', 'On')} value={mv.on ?? props.today} errors={moveErrors} hint={t('nicht in der Zukunft', 'not in the future')} />
              {needsAmount && (
                <Field
                  c={c}
                  name="approved_cents"
                  label={t('Bewilligter Betrag', 'Approved amount')}
                  value={mv.approved_cents ?? ''}
                  errors={moveErrors}
                  inputmode="decimal"
                  hint={t('nur bei „Bewilligt“ und „Teilweise bewilligt“, wie im Bescheid', 'only for “approved” and “partly approved”, as in the notice')}
                />
              )}
              <Field c={c} name="note" label={t('Notiz', 'Note')} value={mv.note ?? ''} errors={moveErrors} />
            </div>
            <button type="submit">{t('Status ändern', 'Change status')}</button>
          </form>
        )}
      </section>

      <MoneySection c={c} application={a} />
      <DeadlinesSection c={c} application={a} />

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t('Dokumente', 'Documents')}</h2>
        {detail.documents.length === 0 ? (
          <EmptyState>{t('Noch keine Dokumente: Antrag, Bescheid, Berichte hier ablegen oder verlinken.', 'No documents yet: keep or link the application, the notice, reports here.')}</EmptyState>
        ) : (
          <ul>
            {detail.documents.map((d) => (
              <li>
                {d.url ? (
                  <a href={d.url} rel="noopener noreferrer">
                    {d.title}
                  </a>
                ) : (
                  <a href={`/grants/${a.id}/documents/${d.id}`}>{d.title}</a>
                )}{' '}
                <small class="hint">{d.url ? t('Link', 'link') : `${d.filename}, ${size(d.byte_size ?? 0)}`}</small>{' '}
                <form method="post" action={`/grants/${a.id}/documents/${d.id}/delete`} class="inline">
                  <Csrf c={c} />
                  <button type="submit" class="link">
                    {t('entfernen', 'remove')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <ErrorSummary c={c} errors={docErrors} detail={props.document && !docErrors.length && props.document.detail ? say(c, props.document.detail) : undefined} />
        <details open={props.document ? true : undefined}>
          <summary>{t('Datei hochladen', 'Upload a file')}</summary>
          <form method="post" action={`/grants/${a.id}/documents`} enctype="multipart/form-data" novalidate>
            <Csrf c={c} />
            <Field c={c} name="title" label={t('Titel', 'Title')} value={dv.kind === 'file' ? dv.title : ''} errors={dv.kind === 'file' ? docErrors : []} idPrefix="file-" required />
            <div class="field">
              <label for="f-file">{t('Datei', 'File')}</label>
              <small class="hint" id="f-file-hint">
                {t(`${ALLOWED_TEXT}, höchstens ${GRANT_DOCUMENT_MAX_BYTES / 1024 / 1024} MB`, `${ALLOWED_TEXT}, at most ${GRANT_DOCUMENT_MAX_BYTES / 1024 / 1024} MB`)}
              </small>
              <input id="f-file" type="file" name="file" aria-describedby="f-file-hint" accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods,.csv" />
            </div>
            <button type="submit">{t('Hochladen', 'Upload')}</button>
          </form>
        </details>
        <details open={dv.kind === 'link' ? true : undefined}>
          <summary>{t('Link hinzufügen', 'Add a link')}</summary>
          <form method="post" action={`/grants/${a.id}/documents`} novalidate>
            <Csrf c={c} />
            <Field c={c} name="title" label={t('Titel', 'Title')} value={dv.kind === 'link' ? dv.title : ''} errors={dv.kind === 'link' ? docErrors : []} idPrefix="link-" required />
            <Field c={c} name="url" type="url" label={t('Link (https)', 'Link (https)')} value={dv.url ?? ''} errors={docErrors} />
            <button type="submit">{t('Link speichern', 'Save link')}</button>
          </form>
        </details>
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('Verlauf', 'Timeline')}</h2>
        {detail.timeline.length === 0 ? (
          <EmptyState>{t('Noch nichts geschehen.', 'Nothing has happened yet.')}</EmptyState>
        ) : (
          <ol reversed>
            {detail.timeline.map((e) => (
              <TimelineItem c={c} e={e} applicationId={a.id} />
            ))}
          </ol>
        )}
      </section>
    </Layout>
  );
}
