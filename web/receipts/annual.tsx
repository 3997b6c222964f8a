import type { AppContext } from '../../api/http/context';
import type { AppError, Msg } from '../../api/http/errors';
import { berlinToday, formatDate, formatDateTime } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import type { InKindGift } from '../../api/receipts/annual-queries';
import type { AnnualRunPreview } from '../../api/receipts/preview-annual-run';
import type { ReceiptRun } from '../../db/schema';
import { fieldErrorsOf } from '../forms';
import { say, tr, type T } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Layout, Select } from '../layout';
import { RECEIPT_DELIVERY_LABELS } from './labels';

/**
 * The annual run's screens (issue #5, spec §5 Sammelbestätigung): the preview of a year — who
 * gets a receipt, how it travels, who is left out and why, with the way to fix each reason —
 * the start button, the runs so far, and one run's progress, which reloads itself every two
 * seconds while it runs (a meta refresh: no JavaScript needed).
 */

export const RUN_STATUS_LABELS: Record<ReceiptRun['status'], Msg> = {
  running: { de: 'läuft', en: 'running' },
  finished: { de: 'fertig', en: 'finished' },
  failed: { de: 'abgebrochen', en: 'stopped' },
};
const RUN_STATUS_BADGE: Record<ReceiptRun['status'], string> = { running: '', finished: 'sent', failed: 'failed' };

/** How many people the preview lists by name. */
export const PREVIEW_LIST_LIMIT = 50;

export interface AnnualPageData {
  year: number | null;
  years: number[];
  preview: AnnualRunPreview | null;
  /** the vereinfachter Zuwendungsnachweis is switched on (spec §10): the ≤ 300 € line shows */
  simplifiedProof: boolean;
  inKind: InKindGift[];
  /** the run of the chosen year that is under way, if any */
  running: ReceiptRun | null;
  runs: ReceiptRun[];
  error?: AppError;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('de-DE')} ${n === 1 ? one : many}`;

export function AnnualPage(props: { c: AppContext; data: AnnualPageData }) {
  const { c, data } = props;
  const t = tr(c);
  const p = data.preview;
  const error = data.error;
  return (
    <Layout c={c} title={t('Jahreslauf: Sammelbestätigungen', 'Annual run: collective receipts')}>
      <p class="hint">
        {t(
          'Der Jahreslauf stellt jeder Person mit eingegangenen, noch nicht bestätigten Zuwendungen des Jahres eine Bestätigung aus: eine Sammelbestätigung mit Anlage, bei nur einer Zuwendung eine Einzelbestätigung. Wer eine E-Mail-Adresse hat, bekommt sie per Mail, sofern das maschinelle Verfahren dem Finanzamt angezeigt ist; alle anderen kommen in den Druckstapel. Ein zweiter Start bestätigt nichts doppelt.',
          'The annual run issues one receipt to each person with received, not yet receipted gifts of the year: a collective receipt with its annex, or a single receipt for just one gift. People with an e-mail address get it by mail if the machine procedure has been reported to the tax office; all others go into the print batch. Starting again never receipts anything twice.',
        )}
      </p>
      <ErrorSummary c={c} errors={fieldErrorsOf(error)} detail={error?.detail ? say(c, error.detail) : error ? t('Der Jahreslauf wurde nicht gestartet.', 'The annual run was not started.') : undefined} />
      <form method="get" action="/receipts/annual" class="toolbar">
        <Select c={c} name="year" label={t('Jahr', 'Year')} value={data.year ?? ''} options={data.years.map((y) => ({ value: y, label: String(y) }))} errors={fieldErrorsOf(error)} />
        <button type="submit" class="secondary">
          {t('Vorschau anzeigen', 'Show preview')}
        </button>
      </form>
      {p && <Preview c={c} data={data} p={p} />}
      <h2>{t('Bisherige Läufe', 'Runs so far')}</h2>
      <RunTable c={c} runs={data.runs} />
      <p>
        <a href="/receipts">{t('Zur Liste der Bestätigungen', 'To the list of receipts')}</a>
      </p>
    </Layout>
  );
}

function Preview(props: { c: AppContext; data: AnnualPageData; p: AnnualRunPreview }) {
  const { c, data, p } = props;
  const t = tr(c);
  const r = p.receipts;
  const canStart = !p.gate && r.count > 0 && !data.running;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t(`Vorschau ${p.year}`, `Preview ${p.year}`)}</h2>
      {p.gate && (
        <div class="error-summary" role="alert" id="annual-gate">
          <p>
            <strong>{say(c, p.gate)}</strong>
          </p>
          <p>
            {t('Erst mit einem neuen Bescheid (Einstellungen → Stammdaten) dürfen wieder Bestätigungen ausgestellt werden (§ 63 Abs. 5 AO).', 'Receipts may be issued again only with a new notice (Settings → master data) (§ 63 (5) AO).')}
          </p>
        </div>
      )}
      {p.yearRunning && (
        <p class="flash info" id="annual-year-running">
          {t(
            `Das Jahr ${p.year} läuft noch: bestätigt wird, was bis heute (${formatDate(p.to)}) eingegangen ist. Spätere Zuwendungen brauchen eine weitere Bestätigung; für das ganze Jahr den Lauf im Januar starten.`,
            `The year ${p.year} is not over yet: what arrived up to today (${formatDate(p.to)}) is receipted. Later gifts need another receipt; for the whole year start the run in January.`,
          )}
        </p>
      )}
      <dl class="facts" id="annual-summary">
        <dt>{t('Zeitraum', 'Period')}</dt>
        <dd>
          {formatDate(p.from)} – {formatDate(p.to)}
        </dd>
        <dt>{t('Bestätigungen', 'Receipts')}</dt>
        <dd id="annual-count">{r.count.toLocaleString('de-DE')}</dd>
        <dt>{t('Darin', 'Covering')}</dt>
        <dd>
          {t(plural(r.gifts, 'Geldzuwendung', 'Geldzuwendungen'), plural(r.gifts, 'money gift', 'money gifts'))},{' '}
          {t(plural(r.fees, 'Mitgliedsbeitrag', 'Mitgliedsbeiträge'), plural(r.fees, 'membership fee', 'membership fees'))}
        </dd>
        <dt>{t('Summe', 'Total')}</dt>
        <dd id="annual-total">{formatEuro(r.cents)}</dd>
        <dt>{t('per E-Mail', 'by e-mail')}</dt>
        <dd id="annual-by-mail">{r.byMail.toLocaleString('de-DE')}</dd>
        <dt>{t('per Post (Druckstapel)', 'by post (print batch)')}</dt>
        <dd id="annual-by-post">{r.byPost.toLocaleString('de-DE')}</dd>
      </dl>
      {data.running ? (
        <p class="flash info" role="status">
          {t(`Der Jahreslauf ${p.year} läuft gerade.`, `The annual run ${p.year} is under way.`)} <a href={`/receipts/annual/${data.running.id}`}>{t('Fortschritt ansehen', 'See its progress')}</a>
        </p>
      ) : (
        <form method="post" action="/receipts/annual">
          <Csrf c={c} />
          <input type="hidden" name="year" value={String(p.year)} />
          <button type="submit" disabled={!canStart}>
            {r.count === 1
              ? t(`Jahreslauf ${p.year} starten: 1 Bestätigung ausstellen`, `Start the annual run ${p.year}: issue 1 receipt`)
              : t(`Jahreslauf ${p.year} starten: ${r.count.toLocaleString('de-DE')} Bestätigungen ausstellen`, `Start the annual run ${p.year}: issue ${r.count.toLocaleString('en')} receipts`)}
          </button>
          {r.count === 0 && !p.gate && <p class="hint">{t(`Für ${p.year} ist nichts (mehr) zu bestätigen.`, `Nothing (left) to receipt for ${p.year}.`)}</p>}
        </form>
      )}
      <LeftOut c={c} data={data} p={p} />
      <h3>{t('Wer was bekommt', 'Who gets what')}</h3>
      {p.people.length === 0 ? (
        <EmptyState>{t('Niemand in diesem Jahr.', 'Nobody this year.')}</EmptyState>
      ) : (
        <>
          <p class="hint">
            {r.count > p.people.length
              ? t(`Die ersten ${p.people.length} von ${r.count.toLocaleString('de-DE')}, nach Namen.`, `The first ${p.people.length} of ${r.count.toLocaleString('en')}, by name.`)
              : t('Alle, nach Namen.', 'Everyone, by name.')}
          </p>
          <div class="table-wrap">
            <table id="annual-people">
              <thead>
                <tr>
                  <th scope="col">{t('Name', 'Name')}</th>
                  <th scope="col" class="num">
                    {t('Geldzuwendungen', 'Money gifts')}
                  </th>
                  <th scope="col" class="num">
                    {t('Beiträge', 'Fees')}
                  </th>
                  <th scope="col" class="num">
                    {t('Summe', 'Total')}
                  </th>
                  <th scope="col">{t('Versand', 'Delivery')}</th>
                </tr>
              </thead>
              <tbody>
                {p.people.map((person) => (
                  <tr>
                    <td>{person.name}</td>
                    <td class="num">{person.gifts}</td>
                    <td class="num">{person.fees}</td>
                    <td class="num">{formatEuro(person.cents)}</td>
                    <td>{say(c, RECEIPT_DELIVERY_LABELS[person.delivery]!)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Who the run leaves out, and for each reason what the treasurer can do about it. */
function LeftOut(props: { c: AppContext; data: AnnualPageData; p: AnnualRunPreview }) {
  const { c, data, p } = props;
  const t = tr(c);
  const x = p.excluded;
  const gifts = (n: number) => t(plural(n, 'Zuwendung', 'Zuwendungen'), plural(n, 'gift', 'gifts'));
  const rows: { id: string; reason: string; count: string; cents: number; what: unknown }[] = [
    {
      id: 'without-address',
      reason: t('Ohne vollständige Anschrift', 'Without a complete address'),
      count: t(plural(p.withoutAddress.count, 'Person', 'Personen'), plural(p.withoutAddress.count, 'person', 'people')),
      cents: p.withoutAddress.cents,
      what: t('Anschrift nachtragen (Liste unten), dann den Lauf noch einmal starten: er bestätigt nur, was noch fehlt.', 'Add the address (list below), then start the run again: it receipts only what is still missing.'),
    },
    {
      id: 'anonymous',
      reason: t('Anonym', 'Anonymous'),
      count: gifts(x.anonymous.count),
      cents: x.anonymous.cents,
      what: t('Ohne Namen und Anschrift gibt es keine Bestätigung.', 'No receipt without a name and address.'),
    },
    {
      id: 'refunded',
      reason: t('Erstattet oder zurückgebucht', 'Refunded or disputed'),
      count: gifts(x.refunded.count),
      cents: x.refunded.cents,
      what: t('Das Geld ist nicht beim Verein geblieben: keine Bestätigung.', 'The money did not stay with the association: no receipt.'),
    },
    {
      id: 'pending',
      reason: t('Noch nicht eingegangen', 'Not received yet'),
      count: gifts(x.pending.count),
      cents: x.pending.cents,
      what: t('Erst bestätigen, wenn das Geld da ist: ein späterer Lauf nimmt sie mit.', 'Receipt once the money has arrived: a later run takes them along.'),
    },
    {
      id: 'in-kind',
      reason: t('Sachzuwendungen', 'Gifts in kind'),
      count: gifts(x.inKind.count),
      cents: x.inKind.cents,
      what: t('Nie in einer Sammelbestätigung: jede bekommt eine eigene Bestätigung über Sachzuwendungen (Liste unten).', 'Never on a collective receipt: each gets its own receipt for a gift in kind (list below).'),
    },
    ...(data.simplifiedProof || x.simplifiedProof.count > 0
      ? [
          {
            id: 'simplified-proof',
            reason: t('Bis 300 € ohne Wunsch nach Bestätigung', 'Up to 300 € with no receipt asked for'),
            count: gifts(x.simplifiedProof.count),
            cents: x.simplifiedProof.cents,
            what: t(
              'Vereinfachter Zuwendungsnachweis (Einstellung): dem Finanzamt genügt der Kontoauszug (§ 50 Abs. 4 EStDV). Wer doch eine Bestätigung möchte, bekommt sie einzeln.',
              'Simplified proof (setting): the bank statement is enough for the tax office (§ 50 (4) EStDV). Whoever wants a receipt after all gets a single one.',
            ),
          },
        ]
      : []),
    {
      id: 'receipted',
      reason: t('Schon bestätigt', 'Already receipted'),
      count: gifts(x.alreadyReceipted.count),
      cents: x.alreadyReceipted.cents,
      what: <a href="/receipts">{t('Bestätigungen ansehen', 'See the receipts')}</a>,
    },
  ];
  return (
    <>
      <h3>{t('Nicht im Lauf – und warum', 'Left out – and why')}</h3>
      <div class="table-wrap">
        <table id="annual-left-out">
          <thead>
            <tr>
              <th scope="col">{t('Grund', 'Reason')}</th>
              <th scope="col" class="num">
                {t('Anzahl', 'Count')}
              </th>
              <th scope="col" class="num">
                {t('Summe', 'Total')}
              </th>
              <th scope="col">{t('Was tun', 'What to do')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr id={`left-out-${row.id}`}>
                <th scope="row">{row.reason}</th>
                <td class="num">{row.count}</td>
                <td class="num">{formatEuro(row.cents)}</td>
                <td>{row.what as never}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.withoutAddress.people.length > 0 && (
        <>
          <h4>{t('Anschrift fehlt', 'Address missing')}</h4>
          <ul id="annual-without-address">
            {p.withoutAddress.people.map((w) => (
              <li>
                <a href={w.memberId ? `/members/${w.memberId}` : `/donors/${w.donorId}`}>{w.name}</a> – {formatEuro(w.cents)}{' '}
                <span class="hint">{w.memberId ? t('(Mitglied: Anschrift im Mitgliederdatensatz)', '(member: address in the member record)') : t('(Spender: Anschrift nachtragen)', '(donor: add the address)')}</span>
              </li>
            ))}
            {p.withoutAddress.count > p.withoutAddress.people.length && <li>{t(`… und ${p.withoutAddress.count - p.withoutAddress.people.length} weitere`, `… and ${p.withoutAddress.count - p.withoutAddress.people.length} more`)}</li>}
          </ul>
        </>
      )}
      {data.inKind.length > 0 && (
        <>
          <h4>{t('Sachzuwendungen: einzeln bestätigen', 'Gifts in kind: receipt each on its own')}</h4>
          <ul id="annual-in-kind">
            {data.inKind.map((g) => (
              <li>
                {g.name}, {formatDate(g.donated_on)}, {formatEuro(g.amount_cents)} –{' '}
                <a href={`/receipts/new?donor=${g.donor_id}&donation=${g.id}`}>{t('Bestätigung über Sachzuwendungen ausstellen', 'Issue a receipt for the gift in kind')}</a>
              </li>
            ))}
            {x.inKind.count > data.inKind.length && <li>{t(`… und ${x.inKind.count - data.inKind.length} weitere`, `… and ${x.inKind.count - data.inKind.length} more`)}</li>}
          </ul>
        </>
      )}
    </>
  );
}

export function RunTable(props: { c: AppContext; runs: ReceiptRun[] }) {
  const { c } = props;
  const t = tr(c);
  const lang = c.get('lang');
  if (!props.runs.length) return <EmptyState>{t('Noch kein Jahreslauf.', 'No annual run yet.')}</EmptyState>;
  return (
    <div class="table-wrap">
      <table id="annual-runs">
        <thead>
          <tr>
            <th scope="col">{t('Lauf', 'Run')}</th>
            <th scope="col">{t('Jahr', 'Year')}</th>
            <th scope="col">{t('Zustand', 'State')}</th>
            <th scope="col">{t('Gestartet', 'Started')}</th>
            <th scope="col" class="num">
              {t('Personen', 'People')}
            </th>
            <th scope="col" class="num">
              {t('Bestätigungen', 'Receipts')}
            </th>
            <th scope="col" class="num">
              {t('per Mail', 'by e-mail')}
            </th>
            <th scope="col" class="num">
              {t('per Post', 'by post')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.runs.map((r) => (
            <tr>
              <td>
                <a href={`/receipts/annual/${r.id}`}>#{r.id}</a>
              </td>
              <td>{r.year}</td>
              <td>
                <span class={`badge ${RUN_STATUS_BADGE[r.status]}`}>{say(c, RUN_STATUS_LABELS[r.status])}</span>
              </td>
              <td>
                {formatDateTime(r.started_at, lang)}
                <div class="hint">{r.started_by}</div>
              </td>
              <td class="num">
                {r.donors_done} / {r.donors_total}
              </td>
              <td class="num">{r.receipts_issued}</td>
              <td class="num">{r.mails_queued}</td>
              <td class="num">{r.for_post}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A run's progress as the JSON endpoint and the page share it. */
export function runProgress(run: ReceiptRun, stale: boolean) {
  const total = Math.max(run.donors_total, run.donors_done);
  return {
    id: Number(run.id),
    year: run.year,
    status: run.status,
    /** running, but its worker has not reported for a minute (process killed): it is resumed by the next start or the scheduler */
    stalled: run.status === 'running' && stale,
    donors_total: total,
    donors_done: run.donors_done,
    percent: total ? Math.floor((run.donors_done / total) * 100) : 100,
    receipts_issued: run.receipts_issued,
    mails_queued: run.mails_queued,
    for_post: run.for_post,
    started_by: run.started_by,
    started_at: run.started_at,
    heartbeat_at: run.heartbeat_at,
    finished_at: run.finished_at,
    last_error: run.last_error,
  };
}

export function RunPage(props: { c: AppContext; run: ReceiptRun; stale: boolean }) {
  const { c, run } = props;
  const t = tr(c);
  const lang = c.get('lang');
  const p = runProgress(run, props.stale);
  const running = run.status === 'running';
  const issuedIn = berlinToday(run.finished_at ?? run.started_at).slice(0, 4);
  return (
    <Layout c={c} title={t(`Jahreslauf ${run.year}`, `Annual run ${run.year}`)}>
      {/* reloads itself while the run is under way; stops once it is finished or stopped */}
      {running && <meta http-equiv="refresh" content="2" />}
      <p role="status" id="run-status" class={`flash ${run.status === 'finished' ? 'success' : run.status === 'failed' ? 'error' : 'info'}`}>
        <StatusLine t={t} run={run} stalled={p.stalled} />
      </p>
      <p>
        <label for="run-progress">{t('Fortschritt', 'Progress')}</label>{' '}
        <progress id="run-progress" max={Math.max(1, p.donors_total)} value={p.donors_done}>
          {p.percent} %
        </progress>{' '}
        <span id="run-people">{t(`${p.donors_done} von ${p.donors_total} Personen (${p.percent} %)`, `${p.donors_done} of ${p.donors_total} people (${p.percent} %)`)}</span>
      </p>
      <dl class="facts" id="run-facts">
        <dt>{t('Bestätigungen ausgestellt', 'Receipts issued')}</dt>
        <dd id="run-issued">{run.receipts_issued}</dd>
        <dt>{t('Mails im Postausgang', 'Mails queued')}</dt>
        <dd id="run-mailed">{run.mails_queued}</dd>
        <dt>{t('für die Post (Druckstapel)', 'for the post (print batch)')}</dt>
        <dd id="run-post">{run.for_post}</dd>
        <dt>{t('Gestartet', 'Started')}</dt>
        <dd>
          {formatDateTime(run.started_at, lang)} · {run.started_by}
        </dd>
        {run.finished_at && (
          <>
            <dt>{run.status === 'failed' ? t('Abgebrochen', 'Stopped') : t('Fertig', 'Finished')}</dt>
            <dd>{formatDateTime(run.finished_at, lang)}</dd>
          </>
        )}
      </dl>
      {running && !p.stalled && <p class="hint">{t('Diese Seite aktualisiert sich alle 2 Sekunden.', 'This page reloads every 2 seconds.')}</p>}
      {run.status === 'failed' && (
        <div class="error-summary" role="alert" id="run-error">
          <p>
            <strong>{t('Der Lauf ist abgebrochen:', 'The run stopped:')}</strong> {run.last_error ?? t('ohne Angabe eines Grundes', 'no reason given')}
          </p>
          <p>
            {t(
              'Was bis dahin ausgestellt ist, bleibt gültig. Fortsetzen bestätigt nur, was noch fehlt – keine Bestätigung doppelt, keine Nummer ausgelassen.',
              'What was issued so far stays valid. Continuing receipts only what is still missing – nothing twice, no number skipped.',
            )}
          </p>
        </div>
      )}
      {(run.status === 'failed' || p.stalled) && (
        <form method="post" action="/receipts/annual">
          <Csrf c={c} />
          <input type="hidden" name="year" value={String(run.year)} />
          <button type="submit">{t('Jahreslauf fortsetzen', 'Continue the annual run')}</button>
        </form>
      )}
      {run.status === 'finished' && (
        <ul class="actions" id="run-next">
          <li>
            {/* receipts are numbered in the year they are issued (2026-00042 for a gift of 2025) */}
            <a class="button" href={`/receipts?year=${issuedIn}`}>
              {t(`Bestätigungen ansehen (Nummern ${issuedIn}-…)`, `See the receipts (numbers ${issuedIn}-…)`)}
            </a>
          </li>
          {run.for_post > 0 && (
            <li>
              <a href="/receipts/print.pdf" download>
                {t('Druckstapel als PDF (Bestätigungen per Post)', 'Print batch as PDF (receipts by post)')}
              </a>{' '}
              · <a href="/receipts/print">{t('Druckstapel ansehen und als gedruckt markieren', 'See the print batch and mark it printed')}</a>
            </li>
          )}
        </ul>
      )}
      <p>
        <a href={`/receipts/annual?year=${run.year}`}>{t(`Zur Vorschau ${run.year}`, `Back to the preview ${run.year}`)}</a>
      </p>
    </Layout>
  );
}

function StatusLine(props: { t: T; run: ReceiptRun; stalled: boolean }) {
  const { t, run } = props;
  if (run.status === 'finished') {
    return (
      <>
        {t(
          `Fertig: ${run.receipts_issued} Bestätigungen ausgestellt, ${run.mails_queued} per Mail, ${run.for_post} für die Post.`,
          `Finished: ${run.receipts_issued} receipts issued, ${run.mails_queued} by e-mail, ${run.for_post} for the post.`,
        )}
      </>
    );
  }
  if (run.status === 'failed') return <>{t('Abgebrochen.', 'Stopped.')}</>;
  if (props.stalled) {
    return (
      <>
        {t(
          'Der Lauf meldet sich seit über einer Minute nicht mehr (der Prozess wurde wohl beendet). Er wird beim nächsten Start oder vom Zeitplaner fortgesetzt.',
          'The run has not reported for over a minute (its process was probably stopped). It continues with the next start or by the scheduler.',
        )}
      </>
    );
  }
  return <>{t('Läuft …', 'Running …')}</>;
}
