import type { AppContext } from '../../api/http/context';
import type { grantBoard } from '../../api/grants/grant-board';
import type { GrantFilter } from '../../api/grants/schemas';
import { formatDate } from '../../api/lib/dates';
import { GRANT_STATUS_LABELS } from '../../api/lib/grants';
import { formatEuro } from '../../api/lib/money';
import { say, tr } from '../i18n';
import { EmptyState, Layout, Select } from '../layout';
import type { OpenDeadline } from '../../api/grants/deadline-queries';
import { DeadlineRows } from './calendar';
import { funderLabel } from './funders';

type Board = Awaited<ReturnType<typeof grantBoard>>;

export function filterQuery(f: GrantFilter) {
  const p = new URLSearchParams();
  if (f.funder) p.set('funder', String(f.funder));
  if (f.responsible) p.set('responsible', String(f.responsible));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The pipeline board: one section per status in pipeline order, each with count and sum. */
export function PipelinePage(props: {
  c: AppContext;
  board: Board;
  filter: GrantFilter;
  funders: { id: number; name: string; programme: string | null }[];
  people: { id: number; name: string }[];
  /** open deadlines up to the calendar's horizon, overdue first */
  deadlines: OpenDeadline[];
  today: string;
}) {
  const { c, board, filter, today } = props;
  const t = tr(c);
  const filtered = Boolean(filter.funder || filter.responsible);
  return (
    <Layout c={c} title={t('Förderanträge', 'Grant applications')}>
      <div class="actions">
        <a class="button" href="/grants/new">
          {t('Antrag anlegen', 'New application')}
        </a>
        <a class="button" href="/funders">
          {t('Fördermittelgeber', 'Funders')}
        </a>
        <a href="/grants/calendar">{t('Fristenkalender', 'Deadline calendar')}</a> <a href={`/grants/export.csv${filterQuery(filter)}`}>{t('Als CSV (Excel)', 'As CSV (Excel)')}</a>
      </div>
      <dl class="facts" aria-label={t('Summen', 'Totals')}>
        <dt>{t('Beantragt (offene Anträge)', 'Requested (open applications)')}</dt>
        <dd id="total-requested">{formatEuro(board.totals.requestedOpenCents)}</dd>
        <dt>{t('Bewilligt', 'Approved')}</dt>
        <dd id="total-approved">{formatEuro(board.totals.approvedCents)}</dd>
        <dt>{t(`Eingegangen ${board.totals.year}`, `Received in ${board.totals.year}`)}</dt>
        <dd id="total-received">{formatEuro(board.totals.receivedThisYearCents)}</dd>
      </dl>
      <Deadlines c={c} rows={props.deadlines} today={today} />
      <form method="get" action="/grants" class="toolbar" role="search">
        <Select c={c} name="funder" label={t('Fördermittelgeber', 'Funder')} value={filter.funder} options={props.funders.map((f) => ({ value: f.id, label: funderLabel(f) }))} blank={t('alle', 'all')} />
        <Select c={c} name="responsible" label={t('Verantwortlich', 'Responsible')} value={filter.responsible} options={props.people.map((p) => ({ value: p.id, label: p.name }))} blank={t('alle', 'all')} />
        <button type="submit" class="secondary">
          {t('Filtern', 'Filter')}
        </button>
        {filtered && <a href="/grants">{t('Filter aufheben', 'Clear filter')}</a>}
      </form>
      {board.total === 0 ? (
        <EmptyState>
          {filtered
            ? t('Keine Anträge passen zu diesem Filter.', 'No applications match this filter.')
            : t('Noch keine Förderanträge. Legen Sie eine Idee an – sie wandert dann durch Vorbereitung, Einreichung und Bewilligung.', 'No grant applications yet. Start with an idea – it then moves through preparation, submission and approval.')}
        </EmptyState>
      ) : (
        board.columns.map((col) => (
          <section aria-labelledby={`col-${col.status}`} id={`status-${col.status}`}>
            <h2 id={`col-${col.status}`}>
              {say(c, GRANT_STATUS_LABELS[col.status])} <small class="hint">({col.count === 1 ? t('1 Antrag', '1 application') : t(`${col.count} Anträge`, `${col.count} applications`)}, {formatEuro(col.sumCents)})</small>
            </h2>
            {col.applications.length === 0 ? (
              <p class="hint">{t('keine', 'none')}</p>
            ) : (
              <ul class="actions">
                {col.applications.map((a) => (
                  <li>
                    <a href={`/grants/${a.id}`}>
                      <strong>{a.title}</strong>
                    </a>{' '}
                    · {funderLabel({ name: a.funder_name, programme: a.funder_programme })} · {a.responsible_name ?? t('niemand verantwortlich', 'nobody responsible')} · {t('beantragt', 'requested')} {formatEuro(a.requested_cents)}
                    {a.approved_cents !== null && (
                      <>
                        {' '}
                        · {t('bewilligt', 'approved')} {formatEuro(a.approved_cents)}
                      </>
                    )}{' '}
                    <small class="hint">{t(`seit ${formatDate(a.status_since)}`, `since ${formatDate(a.status_since)}`)}</small>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </Layout>
  );
}

/** Overdue deadlines stay here until ticked off (their reminder mail went out once); then the next ten. */
function Deadlines(props: { c: AppContext; rows: OpenDeadline[]; today: string }) {
  const t = tr(props.c);
  const overdue = props.rows.filter((d) => d.due_on < props.today);
  const next = props.rows.filter((d) => d.due_on >= props.today).slice(0, 10);
  return (
    <>
      {overdue.length > 0 && (
        <section aria-labelledby="board-overdue" class="overdue">
          <h2 id="board-overdue">{t(`Überfällige Fristen (${overdue.length})`, `Overdue deadlines (${overdue.length})`)}</h2>
          <DeadlineRows c={props.c} rows={overdue} today={props.today} />
        </section>
      )}
      <section aria-labelledby="board-next">
        <h2 id="board-next">{t('Nächste Fristen', 'Next deadlines')}</h2>
        {next.length ? (
          <DeadlineRows c={props.c} rows={next} today={props.today} />
        ) : (
          <EmptyState>{t('Keine offenen Fristen in den nächsten 90 Tagen.', 'No open deadlines in the next 90 days.')}</EmptyState>
        )}
        <p>
          <a href="/grants/calendar">{t('Alle Fristen im Kalender', 'All deadlines in the calendar')}</a>
        </p>
      </section>
    </>
  );
}
