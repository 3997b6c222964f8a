import { Hono } from 'hono';
import { inTransaction } from '../../api/deps';
import { grantFinances, GRANT_NOT_FOUND } from '../../api/grants/grant-finances';
import { expenseForm, fundingSourceForm, lineActionForm, paymentForm, planLineForm, type MoneyWarning } from '../../api/grants/money-schemas';
import { recordGrantExpense } from '../../api/grants/record-grant-expense';
import { recordGrantPayment } from '../../api/grants/record-grant-payment';
import { removeGrantExpense } from '../../api/grants/remove-grant-expense';
import { removeGrantFundingSource } from '../../api/grants/remove-grant-funding-source';
import { removeGrantPayment } from '../../api/grants/remove-grant-payment';
import { removeGrantPlanLine } from '../../api/grants/remove-grant-plan-line';
import { saveGrantFundingSource } from '../../api/grants/save-grant-funding-source';
import { saveGrantPlanLine } from '../../api/grants/save-grant-plan-line';
import { nachweisFilename, verwendungsnachweisCsv, verwendungsnachweisPdf } from '../../api/grants/verwendungsnachweis';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg, type Msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { berlinToday } from '../../api/lib/dates';
import { setFlash } from '../flash';
import { attempt, readForm } from '../forms';
import { FinancesPage } from './finances';

/**
 * An application's plan, financing, payments, expenses and Verwendungsnachweis (grants money):
 * GET /grants/:id/finances and the forms on it (post/redirect/get; a refused form comes back
 * with its errors and what was typed). The same operations as /api/v1/grants/:id/….
 */

function positiveParam(c: AppContext, name: string): number {
  const raw = c.req.param(name) ?? '';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n <= 0) throw new AppError('not_found', GRANT_NOT_FOUND);
  return n;
}

/** The success message, with every warning after it (the change is stored; someone should look). */
function done(c: AppContext, message: Msg, warnings: MoneyWarning[] = []) {
  if (!warnings.length) return setFlash(c, 'success', message);
  setFlash(c, 'info', msg(`${message.de} Achtung: ${warnings.map((w) => w.message.de).join(' ')}`, `${message.en} Note: ${warnings.map((w) => w.message.en).join(' ')}`));
}

async function page(c: AppContext, id: number, state?: Parameters<typeof FinancesPage>[0]['state']) {
  const deps = c.get('deps');
  const f = await grantFinances(deps.db, id);
  return c.html(<FinancesPage c={c} f={f} state={state} today={berlinToday(deps.clock.now())} />, (state?.error.status ?? 200) as 200);
}

export function webGrantFinanceRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/grants/:id/finances', (c) => page(c, positiveParam(c, 'id')));

  /** Runs a form's operation; on a refusal the page comes back with the form's errors. */
  async function submit(c: AppContext, id: number, form: string, values: Record<string, unknown>, work: () => Promise<Msg | { message: Msg; warnings: MoneyWarning[] }>) {
    const result = await attempt(work);
    if (!result.ok) {
      if (result.error.code === 'not_found' && result.error.detail === GRANT_NOT_FOUND) throw result.error;
      return page(c, id, { form, error: result.error, values });
    }
    const r = result.value;
    if ('de' in r) done(c, r);
    else done(c, r.message, r.warnings);
    return c.redirect(`/grants/${id}/finances`, 303);
  }

  app.post('/grants/:id/plan-lines', async (c) => {
    const id = positiveParam(c, 'id');
    const deps = c.get('deps');
    const body = await readForm(c);
    return submit(c, id, 'plan-new', body, async () => {
      const fields = parseOrThrow(planLineForm, body);
      const r = await inTransaction(deps.db, (trx) => saveGrantPlanLine(trx, { ...fields, applicationId: id, actor: actorOf(c) }, deps));
      return { message: msg(`Position „${r.line.label}“ angelegt.`, `Line "${r.line.label}" added.`), warnings: r.warnings };
    });
  });

  app.post('/grants/:id/plan-lines/:lineId', async (c) => {
    const id = positiveParam(c, 'id');
    const lineId = positiveParam(c, 'lineId');
    const deps = c.get('deps');
    const body = await readForm(c);
    return submit(c, id, `line-${lineId}`, body, async () => {
      const { action } = parseOrThrow(lineActionForm, body);
      if (action === 'delete') {
        const r = await inTransaction(deps.db, (trx) => removeGrantPlanLine(trx, { applicationId: id, lineId, actor: actorOf(c) }, deps));
        return msg(`Position „${r.line.label}“ gelöscht.`, `Line "${r.line.label}" deleted.`);
      }
      const fields = parseOrThrow(planLineForm, body);
      const r = await inTransaction(deps.db, (trx) => saveGrantPlanLine(trx, { ...fields, applicationId: id, lineId, actor: actorOf(c) }, deps));
      return { message: msg(`Position „${r.line.label}“ gespeichert.`, `Line "${r.line.label}" saved.`), warnings: r.warnings };
    });
  });

  app.post('/grants/:id/funding-sources', async (c) => {
    const id = positiveParam(c, 'id');
    const deps = c.get('deps');
    const body = await readForm(c);
    return submit(c, id, 'source-new', body, async () => {
      const fields = parseOrThrow(fundingSourceForm, body);
      const r = await inTransaction(deps.db, (trx) => saveGrantFundingSource(trx, { ...fields, applicationId: id, actor: actorOf(c) }, deps));
      return { message: msg(`Finanzierung „${r.source.label}“ angelegt.`, `Source "${r.source.label}" added.`), warnings: r.warnings };
    });
  });

  app.post('/grants/:id/funding-sources/:sourceId', async (c) => {
    const id = positiveParam(c, 'id');
    const sourceId = positiveParam(c, 'sourceId');
    const deps = c.get('deps');
    const body = await readForm(c);
    return submit(c, id, `source-${sourceId}`, body, async () => {
      const { action } = parseOrThrow(lineActionForm, body);
      if (action === 'delete') {
        const r = await inTransaction(deps.db, (trx) => removeGrantFundingSource(trx, { applicationId: id, sourceId, actor: actorOf(c) }, deps));
        return msg(`Finanzierung „${r.source.label}“ gelöscht.`, `Source "${r.source.label}" deleted.`);
      }
      const fields = parseOrThrow(fundingSourceForm, body);
      const r = await inTransaction(deps.db, (trx) => saveGrantFundingSource(trx, { ...fields, applicationId: id, sourceId, actor: actorOf(c) }, deps));
      return { message: msg(`Finanzierung „${r.source.label}“ gespeichert.`, `Source "${r.source.label}" saved.`), warnings: r.warnings };
    });
  });

  app.post('/grants/:id/payments', async (c) => {
    const id = positiveParam(c, 'id');
    const deps = c.get('deps');
    const body = await readForm(c);
    return submit(c, id, 'payment-new', body, async () => {
      const fields = parseOrThrow(paymentForm, body);
      const r = await inTransaction(deps.db, (trx) => recordGrantPayment(trx, { ...fields, applicationId: id, actor: actorOf(c) }, deps));
      return { message: msg('Zahlung erfasst.', 'Payment recorded.'), warnings: r.warnings };
    });
  });

  app.post('/grants/:id/payments/:paymentId/delete', async (c) => {
    const id = positiveParam(c, 'id');
    const paymentId = positiveParam(c, 'paymentId');
    const deps = c.get('deps');
    return submit(c, id, 'payments', {}, async () => {
      await inTransaction(deps.db, (trx) => removeGrantPayment(trx, { applicationId: id, paymentId, actor: actorOf(c) }, deps));
      return msg('Zahlung gelöscht.', 'Payment deleted.');
    });
  });

  app.post('/grants/:id/expenses', async (c) => {
    const id = positiveParam(c, 'id');
    const deps = c.get('deps');
    const body = await readForm(c);
    return submit(c, id, 'expense-new', body, async () => {
      const fields = parseOrThrow(expenseForm, body);
      const r = await inTransaction(deps.db, (trx) => recordGrantExpense(trx, { ...fields, applicationId: id, actor: actorOf(c) }, deps));
      return { message: msg('Ausgabe gebucht.', 'Expense booked.'), warnings: r.warnings };
    });
  });

  app.post('/grants/:id/expenses/:expenseId/delete', async (c) => {
    const id = positiveParam(c, 'id');
    const expenseId = positiveParam(c, 'expenseId');
    const deps = c.get('deps');
    return submit(c, id, 'expenses', {}, async () => {
      await inTransaction(deps.db, (trx) => removeGrantExpense(trx, { applicationId: id, expenseId, actor: actorOf(c) }, deps));
      return msg('Ausgabe gelöscht.', 'Expense deleted.');
    });
  });

  app.get('/grants/:id/verwendungsnachweis.pdf', async (c) => {
    const id = positiveParam(c, 'id');
    const deps = c.get('deps');
    const { data, pdf } = await verwendungsnachweisPdf(deps.db, id, deps);
    return c.body(pdf as unknown as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${nachweisFilename(id, data.title, 'pdf')}"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/grants/:id/verwendungsnachweis.csv', async (c) => {
    const id = positiveParam(c, 'id');
    const deps = c.get('deps');
    const { data, csv } = await verwendungsnachweisCsv(deps.db, id, deps);
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${nachweisFilename(id, data.title, 'csv')}"`,
      'cache-control': 'no-store',
    });
  });

  return app;
}
