import type { AppContext } from '../../api/http/context';
import type { grantBoard } from '../../api/grants/grant-board';
import type { GrantFilter } from '../../api/grants/schemas';
import { formatDate } from '../../api/lib/dates';
import { GRANT_STATUS_LABELS } from '../../api/lib/grants';
import { formatEuro } from '../../api/lib/money';
import { say, tr } from '../i18n';
import { EmptyState, Layout, Select } from '../layout';
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
}) {
  const { c, board, filter } = props;
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
              {say(c, GRANT_STATUS_LABELS[col.status])} <small class="hint">({t(`${col.count} Anträge`, `${col.count} applications`)}, {formatEuro(col.sumCents)})</small>
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
