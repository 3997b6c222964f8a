import type { GrantFinances } from '../../api/grants/grant-finances';
import type { AppContext } from '../../api/http/context';
import type { AppError, FieldError } from '../../api/http/errors';
import { formatDate } from '../../api/lib/dates';
import { APPROVED_STATUSES, FUNDING_KIND_LABELS, GRANT_STATUS_LABELS, PLAN_CATEGORY_LABELS } from '../../api/lib/grants';
import { formatAmount, formatEuro } from '../../api/lib/money';
import { fieldErrorsOf } from '../forms';
import { say, tr } from '../i18n';
import { Csrf, EmptyState, ErrorSummary, Field, Layout, Select } from '../layout';

/**
 * The finances of one application (grants money): draw-down against the approved amount, the
 * cost plan with plan vs actual, the financing plan and whether it covers the costs, payments
 * received, expenses, and the Verwendungsnachweis draft. Every form posts and comes back here.
 */

/** Which form a failed post belongs to, with what was typed, so it shows again with its errors. */
export interface FormState {
  form: string;
  error: AppError;
  values: Record<string, unknown>;
}

const pct = (p: number | null) => (p === null ? '–' : `${p.toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`);

function FormErrors(props: { c: AppContext; state?: FormState; form: string }) {
  if (props.state?.form !== props.form) return null;
  const e = props.state.error;
  return <ErrorSummary c={props.c} errors={e.fieldErrors} detail={e.detail ? say(props.c, e.detail) : undefined} />;
}

function valuesFor(state: FormState | undefined, form: string, fallback: Record<string, string | number | null>) {
  if (state?.form !== form) return fallback;
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(state.values)) out[k] = typeof v === 'string' ? v : null;
  return out;
}
function errorsFor(state: FormState | undefined, form: string): FieldError[] {
  return state?.form === form ? fieldErrorsOf(state.error) : [];
}

export function FinancesPage(props: { c: AppContext; f: GrantFinances; state?: FormState; today: string }) {
  const { c, f, state } = props;
  const t = tr(c);
  const lang = c.get('lang');
  const a = f.application;
  const base = `/grants/${a.id}`;
  const approvedStatus = APPROVED_STATUSES.includes(a.status);
  const categoryOptions = Object.entries(PLAN_CATEGORY_LABELS).map(([value, l]) => ({ value, label: l[lang] }));
  const kindOptions = Object.entries(FUNDING_KIND_LABELS).map(([value, l]) => ({ value, label: l[lang] }));
  const gap = f.financing.gap_cents;

  const planValues = valuesFor(state, 'plan-new', { category: 'staff', label: '', planned_cents: '' });
  const sourceValues = valuesFor(state, 'source-new', { kind: 'this_grant', label: '', planned_cents: '' });
  const paymentValues = valuesFor(state, 'payment-new', { received_on: props.today, amount_cents: '', reference: '' });
  const expenseValues = valuesFor(state, 'expense-new', { spent_on: props.today, amount_cents: '', plan_line_id: '', description: '', receipt_ref: '' });

  return (
    <Layout c={c} title={t(`Finanzen: ${a.title}`, `Finances: ${a.title}`)}>
      <div class="actions">
        <a href={base}>{t('Zum Antrag', 'Back to the application')}</a>
        <a class="button" href={`${base}/verwendungsnachweis.pdf`}>
          {t('Verwendungsnachweis (Entwurf, PDF)', 'Verwendungsnachweis (draft, PDF)')}
        </a>
        <a class="button" href={`${base}/verwendungsnachweis.csv`}>
          {t('Verwendungsnachweis (CSV für das Formular)', 'Verwendungsnachweis (CSV for the form)')}
        </a>
      </div>

      <section aria-labelledby="h-drawdown">
        <h2 id="h-drawdown">{t('Bewilligung und Mittelabruf', 'Approval and draw-down')}</h2>
        <dl class="facts">
          <dt>{t('Fördermittelgeber', 'Funder')}</dt>
          <dd>{a.funder_programme ? `${a.funder_name} – ${a.funder_programme}` : a.funder_name}</dd>
          <dt>{t('Status', 'Status')}</dt>
          <dd>{GRANT_STATUS_LABELS[a.status][lang]}</dd>
          <dt>{t('Projektzeitraum', 'Project period')}</dt>
          <dd>{a.period_from || a.period_to ? `${a.period_from ? formatDate(a.period_from) : '…'} – ${a.period_to ? formatDate(a.period_to) : '…'}` : t('nicht angegeben', 'not given')}</dd>
          <dt>{t('Bewilligt', 'Approved')}</dt>
          <dd>{f.drawdown.approved_cents === null ? t('noch nicht bewilligt', 'not approved yet') : formatEuro(f.drawdown.approved_cents)}</dd>
          <dt>{t('Erhalten', 'Received')}</dt>
          <dd>{formatEuro(f.drawdown.received_cents)}</dd>
          <dt>{t('Noch abzurufen', 'Still to draw down')}</dt>
          <dd>{formatEuro(f.drawdown.to_draw_down_cents)}</dd>
          {f.drawdown.over_received_cents > 0 && (
            <>
              <dt>{t('Mehr erhalten als bewilligt', 'Received above approved')}</dt>
              <dd class="error">{formatEuro(f.drawdown.over_received_cents)}</dd>
            </>
          )}
          <dt>{t('Ausgegeben', 'Spent')}</dt>
          <dd>{formatEuro(f.plan.actual_cents)}</dd>
        </dl>
      </section>

      <section aria-labelledby="h-plan">
        <h2 id="h-plan">{t('Kostenplan: Soll und Ist', 'Cost plan: plan vs actual')}</h2>
        {f.plan.lines.length === 0 ? (
          <EmptyState>{t('Noch kein Kostenplan. Legen Sie unten die erste Position an (z. B. Personal, Sachkosten, Miete).', 'No cost plan yet. Add its first line below (e.g. staff, material, rent).')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('Kategorie', 'Category')}</th>
                  <th>{t('Position', 'Line')}</th>
                  <th class="num">{t('Soll', 'Planned')}</th>
                  <th class="num">{t('Ist', 'Actual')}</th>
                  <th class="num">{t('Differenz', 'Difference')}</th>
                  <th class="num">{t('verbraucht', 'used')}</th>
                  <th>{t('Ändern', 'Edit')}</th>
                </tr>
              </thead>
              <tbody>
                {f.plan.lines.map((l) => {
                  const form = `line-${l.id}`;
                  const v = valuesFor(state, form, { category: l.category, label: l.label, planned_cents: formatAmount(l.planned_cents), position: l.position });
                  return (
                    <tr>
                      <td>{PLAN_CATEGORY_LABELS[l.category][lang]}</td>
                      <td>{l.label}</td>
                      <td class="num">{formatEuro(l.planned_cents)}</td>
                      <td class="num">{formatEuro(l.actual_cents)}</td>
                      <td class={`num${l.difference_cents < 0 ? ' error' : ''}`}>{formatEuro(l.difference_cents)}</td>
                      <td class="num">{pct(l.percent_used)}</td>
                      <td>
                        <details open={state?.form === form}>
                          <summary>{t('ändern oder löschen', 'edit or delete')}</summary>
                          <FormErrors c={c} state={state} form={form} />
                          <form method="post" action={`${base}/plan-lines/${l.id}`}>
                            <Csrf c={c} />
                            <Select c={c} idPrefix={`${form}-`} name="category" label={t('Kategorie', 'Category')} value={v.category} options={categoryOptions} errors={errorsFor(state, form)} required />
                            <Field c={c} idPrefix={`${form}-`} name="label" label={t('Bezeichnung', 'Label')} value={v.label} errors={errorsFor(state, form)} required />
                            <Field c={c} idPrefix={`${form}-`} name="planned_cents" label={t('Soll in €', 'Planned in €')} value={v.planned_cents} inputmode="decimal" errors={errorsFor(state, form)} required />
                            <Field c={c} idPrefix={`${form}-`} name="position" label={t('Reihenfolge', 'Position')} value={v.position} inputmode="numeric" errors={errorsFor(state, form)} />
                            <button type="submit" name="action" value="update">
                              {t('Speichern', 'Save')}
                            </button>{' '}
                            <button type="submit" name="action" value="delete" class="danger">
                              {t('Position löschen', 'Delete line')}
                            </button>
                          </form>
                        </details>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={2}>{t('Summe', 'Total')}</th>
                  <th class="num">{formatEuro(f.plan.planned_cents)}</th>
                  <th class="num">{formatEuro(f.plan.actual_cents)}</th>
                  <th class="num">{formatEuro(f.plan.difference_cents)}</th>
                  <th class="num">{pct(f.plan.percent_used)}</th>
                  <td></td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <h3>{t('Position hinzufügen', 'Add a line')}</h3>
        <FormErrors c={c} state={state} form="plan-new" />
        <form method="post" action={`${base}/plan-lines`}>
          <Csrf c={c} />
          <Select c={c} idPrefix="plan-" name="category" label={t('Kategorie', 'Category')} value={planValues.category} options={categoryOptions} errors={errorsFor(state, 'plan-new')} required />
          <Field c={c} idPrefix="plan-" name="label" label={t('Bezeichnung', 'Label')} value={planValues.label} errors={errorsFor(state, 'plan-new')} required />
          <Field c={c} idPrefix="plan-" name="planned_cents" label={t('Soll in €', 'Planned in €')} hint={t('z. B. 12.500,00', 'e.g. 12.500,00')} value={planValues.planned_cents} inputmode="decimal" errors={errorsFor(state, 'plan-new')} required />
          <button type="submit">{t('Position anlegen', 'Add line')}</button>
        </form>
      </section>

      <section aria-labelledby="h-financing">
        <h2 id="h-financing">{t('Finanzierungsplan', 'Financing plan')}</h2>
        <p class={`flash ${f.financing.covered ? 'success' : 'error'}`} role="status">
          {f.financing.covered
            ? t(`Der Finanzierungsplan deckt den Kostenplan (${formatEuro(f.financing.cost_planned_cents)}).`, `The financing plan covers the cost plan (${formatEuro(f.financing.cost_planned_cents)}).`)
            : gap > 0
              ? t(
                  `Finanzierungslücke: Es fehlen ${formatEuro(gap)} (Kosten ${formatEuro(f.financing.cost_planned_cents)}, Finanzierung ${formatEuro(f.financing.planned_cents)}).`,
                  `Financing gap: ${formatEuro(gap)} missing (costs ${formatEuro(f.financing.cost_planned_cents)}, financing ${formatEuro(f.financing.planned_cents)}).`,
                )
              : t(
                  `Die Finanzierung übersteigt die Kosten um ${formatEuro(-gap)} (Kosten ${formatEuro(f.financing.cost_planned_cents)}, Finanzierung ${formatEuro(f.financing.planned_cents)}).`,
                  `Financing exceeds the costs by ${formatEuro(-gap)} (costs ${formatEuro(f.financing.cost_planned_cents)}, financing ${formatEuro(f.financing.planned_cents)}).`,
                )}
        </p>
        {f.financing.sources.length === 0 ? (
          <EmptyState>{t('Noch kein Finanzierungsplan. Tragen Sie unten ein, woher das Geld kommt (diese Förderung, Eigenmittel, andere Förderungen).', 'No financing plan yet. Add below where the money comes from (this grant, own means, other grants).')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('Art', 'Kind')}</th>
                  <th>{t('Bezeichnung', 'Label')}</th>
                  <th class="num">{t('Soll', 'Planned')}</th>
                  <th class="num">{t('Ist', 'Actual')}</th>
                  <th>{t('Ändern', 'Edit')}</th>
                </tr>
              </thead>
              <tbody>
                {f.financing.sources.map((s) => {
                  const form = `source-${s.id}`;
                  const v = valuesFor(state, form, { kind: s.kind, label: s.label, planned_cents: formatAmount(s.planned_cents), position: s.position });
                  return (
                    <tr>
                      <td>{FUNDING_KIND_LABELS[s.kind][lang]}</td>
                      <td>{s.label}</td>
                      <td class="num">{formatEuro(s.planned_cents)}</td>
                      <td class="num">{s.actual_cents === null ? t('nicht erfasst', 'not recorded') : formatEuro(s.actual_cents)}</td>
                      <td>
                        <details open={state?.form === form}>
                          <summary>{t('ändern oder löschen', 'edit or delete')}</summary>
                          <FormErrors c={c} state={state} form={form} />
                          <form method="post" action={`${base}/funding-sources/${s.id}`}>
                            <Csrf c={c} />
                            <Select c={c} idPrefix={`${form}-`} name="kind" label={t('Art', 'Kind')} value={v.kind} options={kindOptions} errors={errorsFor(state, form)} required />
                            <Field c={c} idPrefix={`${form}-`} name="label" label={t('Bezeichnung', 'Label')} value={v.label} errors={errorsFor(state, form)} required />
                            <Field c={c} idPrefix={`${form}-`} name="planned_cents" label={t('Soll in €', 'Planned in €')} value={v.planned_cents} inputmode="decimal" errors={errorsFor(state, form)} required />
                            <Field c={c} idPrefix={`${form}-`} name="position" label={t('Reihenfolge', 'Position')} value={v.position} inputmode="numeric" errors={errorsFor(state, form)} />
                            <button type="submit" name="action" value="update">
                              {t('Speichern', 'Save')}
                            </button>{' '}
                            <button type="submit" name="action" value="delete" class="danger">
                              {t('Position löschen', 'Delete line')}
                            </button>
                          </form>
                        </details>
                      </td>
                    </tr>
                  );
                })}
                {f.financing.received_unplanned_cents > 0 && (
                  <tr>
                    <td>{FUNDING_KIND_LABELS.this_grant[lang]}</td>
                    <td>{t('Erhaltene Zuwendung (nicht im Finanzierungsplan)', 'Grant received (not in the financing plan)')}</td>
                    <td class="num">{formatEuro(0)}</td>
                    <td class="num">{formatEuro(f.financing.received_unplanned_cents)}</td>
                    <td></td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={2}>{t('Summe', 'Total')}</th>
                  <th class="num">{formatEuro(f.financing.planned_cents)}</th>
                  <th class="num">{formatEuro(f.financing.received_cents)}</th>
                  <td></td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <p>
          <small>{t('Ist dieser Förderung = erhaltene Zahlungen. Eigen- und Drittmittel werden nicht einzeln erfasst.', 'Actual of this grant = payments received. Own means and other sources are not recorded one by one.')}</small>
        </p>
        <h3>{t('Finanzierung hinzufügen', 'Add a source')}</h3>
        <FormErrors c={c} state={state} form="source-new" />
        <form method="post" action={`${base}/funding-sources`}>
          <Csrf c={c} />
          <Select c={c} idPrefix="source-" name="kind" label={t('Art', 'Kind')} value={sourceValues.kind} options={kindOptions} errors={errorsFor(state, 'source-new')} required />
          <Field c={c} idPrefix="source-" name="label" label={t('Bezeichnung', 'Label')} value={sourceValues.label} errors={errorsFor(state, 'source-new')} required />
          <Field c={c} idPrefix="source-" name="planned_cents" label={t('Soll in €', 'Planned in €')} value={sourceValues.planned_cents} inputmode="decimal" errors={errorsFor(state, 'source-new')} required />
          <button type="submit">{t('Finanzierung anlegen', 'Add source')}</button>
        </form>
      </section>

      <section aria-labelledby="h-payments">
        <h2 id="h-payments">{t('Erhaltene Zahlungen', 'Payments received')}</h2>
        <FormErrors c={c} state={state} form="payments" />
        {f.payments.length === 0 ? (
          <EmptyState>{t('Noch keine Fördermittel eingegangen.', 'No grant money received yet.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('Eingang', 'Received')}</th>
                  <th class="num">{t('Betrag', 'Amount')}</th>
                  <th>{t('Referenz', 'Reference')}</th>
                  <th>{t('Erfasst von', 'Recorded by')}</th>
                  <th>
                    <span class="visually-hidden">{t('Aktion', 'Action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {f.payments.map((p) => (
                  <tr>
                    <td>{formatDate(p.received_on)}</td>
                    <td class="num">{formatEuro(p.amount_cents)}</td>
                    <td>{p.reference ?? '–'}</td>
                    <td>{p.created_by}</td>
                    <td>
                      <form method="post" action={`${base}/payments/${p.id}/delete`} class="inline">
                        <Csrf c={c} />
                        <button type="submit" class="link">
                          {t('löschen', 'delete')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th>{t('Summe', 'Total')}</th>
                  <th class="num">{formatEuro(f.drawdown.received_cents)}</th>
                  <th colSpan={3}>{f.drawdown.approved_cents !== null && t(`noch abzurufen: ${formatEuro(f.drawdown.to_draw_down_cents)}`, `still to draw down: ${formatEuro(f.drawdown.to_draw_down_cents)}`)}</th>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <h3>{t('Zahlung erfassen', 'Record a payment')}</h3>
        {!approvedStatus && state?.form !== 'payment-new' ? (
          <p class="hint">
            {t(
              `Zahlungen können erst nach der Bewilligung erfasst werden; dieser Antrag hat den Status „${GRANT_STATUS_LABELS[a.status].de}“.`,
              `Payments can only be recorded once the grant is approved; this application is "${GRANT_STATUS_LABELS[a.status].en}".`,
            )}
          </p>
        ) : (
          <>
            <FormErrors c={c} state={state} form="payment-new" />
            <form method="post" action={`${base}/payments`}>
              <Csrf c={c} />
              <Field c={c} idPrefix="payment-" name="received_on" type="date" label={t('Eingangsdatum', 'Date received')} value={paymentValues.received_on} errors={errorsFor(state, 'payment-new')} required />
              <Field c={c} idPrefix="payment-" name="amount_cents" label={t('Betrag in €', 'Amount in €')} value={paymentValues.amount_cents} inputmode="decimal" errors={errorsFor(state, 'payment-new')} required />
              <Field c={c} idPrefix="payment-" name="reference" label={t('Verwendungszweck / Referenz', 'Reference')} value={paymentValues.reference} errors={errorsFor(state, 'payment-new')} />
              <button type="submit">{t('Zahlung erfassen', 'Record payment')}</button>
            </form>
          </>
        )}
      </section>

      <section aria-labelledby="h-expenses">
        <h2 id="h-expenses">{t('Ausgaben', 'Expenses')}</h2>
        <FormErrors c={c} state={state} form="expenses" />
        {f.expenses.length === 0 ? (
          <EmptyState>{t('Noch keine Ausgaben gebucht.', 'No expenses booked yet.')}</EmptyState>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('Datum', 'Date')}</th>
                  <th>{t('Beleg-Nr.', 'Receipt no.')}</th>
                  <th>{t('Beschreibung', 'Description')}</th>
                  <th>{t('Position', 'Line')}</th>
                  <th class="num">{t('Betrag', 'Amount')}</th>
                  <th>
                    <span class="visually-hidden">{t('Aktion', 'Action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {f.expenses.map((e) => {
                  const outside = (a.period_from && e.spent_on < a.period_from) || (a.period_to && e.spent_on > a.period_to);
                  return (
                    <tr>
                      <td>
                        {formatDate(e.spent_on)}
                        {outside && <small class="error"> {t('(außerhalb des Projektzeitraums)', '(outside the project period)')}</small>}
                      </td>
                      <td>{e.receipt_ref ?? '–'}</td>
                      <td>{e.description}</td>
                      <td>{e.plan_line_label}</td>
                      <td class="num">{formatEuro(e.amount_cents)}</td>
                      <td>
                        <form method="post" action={`${base}/expenses/${e.id}/delete`} class="inline">
                          <Csrf c={c} />
                          <button type="submit" class="link">
                            {t('löschen', 'delete')}
                          </button>
                        </form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={4}>{t('Summe', 'Total')}</th>
                  <th class="num">{formatEuro(f.plan.actual_cents)}</th>
                  <td></td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <h3>{t('Ausgabe buchen', 'Book an expense')}</h3>
        {f.lines.length === 0 ? (
          <EmptyState>{t('Ausgaben werden auf Positionen des Kostenplans gebucht: bitte zuerst eine Position anlegen.', 'Expenses are booked on cost plan lines: please add a line first.')}</EmptyState>
        ) : (
          <>
            <FormErrors c={c} state={state} form="expense-new" />
            <form method="post" action={`${base}/expenses`}>
              <Csrf c={c} />
              <Field c={c} idPrefix="expense-" name="spent_on" type="date" label={t('Ausgabedatum', 'Date spent')} value={expenseValues.spent_on} errors={errorsFor(state, 'expense-new')} required />
              <Field c={c} idPrefix="expense-" name="amount_cents" label={t('Betrag in €', 'Amount in €')} value={expenseValues.amount_cents} inputmode="decimal" errors={errorsFor(state, 'expense-new')} required />
              <Select
                c={c}
                idPrefix="expense-"
                name="plan_line_id"
                label={t('Kostenplanposition', 'Cost plan line')}
                value={expenseValues.plan_line_id}
                blank={t('– bitte wählen –', '– please choose –')}
                options={f.lines.map((l) => ({ value: l.id, label: `${PLAN_CATEGORY_LABELS[l.category][lang]}: ${l.label}` }))}
                errors={errorsFor(state, 'expense-new')}
                required
              />
              <Field c={c} idPrefix="expense-" name="description" label={t('Beschreibung', 'Description')} value={expenseValues.description} errors={errorsFor(state, 'expense-new')} required />
              <Field c={c} idPrefix="expense-" name="receipt_ref" label={t('Belegnummer', 'Receipt number')} value={expenseValues.receipt_ref} errors={errorsFor(state, 'expense-new')} />
              <button type="submit">{t('Ausgabe buchen', 'Book expense')}</button>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
}
