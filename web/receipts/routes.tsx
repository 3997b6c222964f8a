import { Hono } from 'hono';
import { inTransaction, type Executor } from '../../api/deps';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg } from '../../api/http/errors';
import { berlinToday } from '../../api/lib/dates';
import { formatEuro } from '../../api/lib/money';
import { cancelReceipt } from '../../api/receipts/cancel-receipt';
import { exportReceiptsCsv } from '../../api/receipts/export-receipts-csv';
import { issueReceipt } from '../../api/receipts/issue-receipt';
import { buildPrintBatch, markReceiptsPrinted, PRINT_BATCH_SIZE } from '../../api/receipts/print-batch';
import { associationForReceipts, countReceipts, findReceipt } from '../../api/receipts/queries';
import { filterOf, RECEIPT_NOT_FOUND, receiptFilterSchema, receiptPage, receiptPdfResponse, type ReceiptListFilter } from '../../api/receipts/routes';
import {
  activeReceiptsCovering,
  donorOfDonation,
  personOfDonor,
  personOfMember,
  receiptableDonations,
  receiptablePayments,
  receiptItemsWithSources,
  receiptMail,
  searchReceiptPeople,
  stillReceiptableOf,
  unprintedPostReceipts,
  type ReceiptPerson,
} from '../../api/receipts/screen-queries';
import { setFlash } from '../flash';
import { attempt, readForm } from '../forms';
import { DetailPage, type DetailData } from './detail';
import { ListPage } from './list';
import { ChoosePersonPage, NewReceiptPage, type NewReceiptData } from './new-receipt';
import { PrintPage } from './print';

/**
 * The treasurer's Zuwendungsbestätigungen (issue #5): the list with what is to cancel and to
 * print, one receipt with its Doppel, Storno and replacement, issuing by hand, and the print
 * batch. The annual run has its own screens (/receipts/annual). Every write goes through the
 * receipts operations in one transaction; the screens only choose and show.
 */

const PERSON_NOT_FOUND = msg('Diesen Spender oder dieses Mitglied gibt es nicht.', 'This donor or member does not exist.');

function idParam(c: AppContext): number | null {
  const raw = c.req.param('id') ?? '';
  const id = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(id) && id > 0 ? id : null;
}

function positiveInt(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n <= 0) throw new AppError('not_found', PERSON_NOT_FOUND);
  return n;
}

function idList(raw: string | undefined): number[] {
  const value = (raw ?? '').trim();
  if (!/^\d+(,\d+)*$/.test(value)) throw new AppError('validation', msg('Ungültige Liste von Bestätigungen.', 'Invalid list of receipts.'));
  return [...new Set(value.split(',').map(Number))].filter((n) => Number.isSafeInteger(n) && n > 0);
}

async function detailData(db: Executor, id: number): Promise<DetailData> {
  const r = await findReceipt(db, id);
  if (!r) throw new AppError('not_found', RECEIPT_NOT_FOUND);
  const [items, mail, association] = await Promise.all([receiptItemsWithSources(db, id), r.outbox_id ? receiptMail(db, Number(r.outbox_id)) : null, associationForReceipts(db)]);
  const replaceable = r.cancelled_at && !r.replaced_by_id ? await stillReceiptableOf(db, id) : null;
  return { r, items, mail: mail ?? null, replaceable, associationName: association?.name ?? '' };
}

async function newReceiptData(c: AppContext, person: ReceiptPerson): Promise<NewReceiptData> {
  const deps = c.get('deps');
  const today = berlinToday(deps.clock.now());
  const association = await associationForReceipts(deps.db);
  const duesDeductible = association?.member_dues_deductible ?? true;
  const [donations, payments, existing] = await Promise.all([
    receiptableDonations(deps.db, person.donorIds, today),
    person.memberId && duesDeductible ? receiptablePayments(deps.db, person.memberId, today) : Promise.resolve([]),
    person.memberId || person.donorIds.length
      ? receiptPage(deps.db, person.memberId ? { memberId: person.memberId, limit: 50 } : { donorId: person.donorIds[0], limit: 50 }).then((p) => p.rows)
      : Promise.resolve([]),
  ]);
  return { person, donations, payments, duesDeductible, existing };
}

/** The person of ?donor= or ?member= (the hidden fields of the form post them back). */
async function personOf(db: Executor, ids: { donor?: number; member?: number }): Promise<ReceiptPerson> {
  const person = ids.donor ? await personOfDonor(db, ids.donor) : ids.member ? await personOfMember(db, ids.member) : null;
  if (!person) throw new AppError('not_found', PERSON_NOT_FOUND);
  return person;
}

export function webReceiptRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/receipts', async (c) => {
    const db = c.get('deps').db;
    const parsed = receiptFilterSchema.safeParse(c.req.query());
    const filter: ReceiptListFilter = parsed.success ? parsed.data : { page: 1 };
    const [{ rows, total }, toCancel, toPrint] = await Promise.all([receiptPage(db, filterOf(filter)), countReceipts(db, { state: 'review' }), countReceipts(db, { state: 'post_unprinted' })]);
    return c.html(<ListPage c={c} filter={filter} invalidFilter={!parsed.success} rows={rows} total={total} toCancel={toCancel} toPrint={toPrint} />);
  });

  app.get('/receipts/export.csv', async (c) => {
    const deps = c.get('deps');
    const parsed = receiptFilterSchema.safeParse(c.req.query());
    if (!parsed.success) throw new AppError('validation', msg('Der Filter ist ungültig.', 'The filter is invalid.'));
    const { year, q, state } = parsed.data;
    const csv = await exportReceiptsCsv(deps.db, { year, q, state });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="zuwendungsbestaetigungen-${berlinToday(deps.clock.now())}.csv"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/receipts/new', async (c) => {
    const db = c.get('deps').db;
    const donationId = positiveInt(c.req.query('donation'));
    let donor = positiveInt(c.req.query('donor'));
    const member = positiveInt(c.req.query('member'));
    if (donationId) {
      const gift = await donorOfDonation(db, donationId);
      if (!gift) throw new AppError('not_found', msg('Diese Spende gibt es nicht.', 'This gift does not exist.'));
      if (!gift.donor_id) throw new AppError('conflict', msg('Diese Spende ist anonym – ohne Namen und Anschrift gibt es keine Zuwendungsbestätigung.', 'This gift is anonymous – no receipt without a name and address.'));
      donor = Number(gift.donor_id);
    }
    if (!donor && !member) {
      const q = c.req.query('q')?.trim() || undefined;
      return c.html(<ChoosePersonPage c={c} q={q} found={q ? await searchReceiptPeople(db, q.slice(0, 100)) : null} />);
    }
    const person = await personOf(db, { donor, member });
    const data = await newReceiptData(c, person);
    return c.html(<NewReceiptPage c={c} data={data} hidden={donor ? { donor } : { member }} selected={{ donations: donationId ? [donationId] : [], payments: [] }} />);
  });

  app.post('/receipts', async (c) => {
    const deps = c.get('deps');
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const pick = (prefix: string) =>
      Object.keys(body)
        .map((k) => new RegExp(`^${prefix}-(\\d+)$`).exec(k)?.[1])
        .filter((v): v is string => v !== undefined)
        .map(Number)
        .filter((n) => Number.isSafeInteger(n) && n > 0);
    const donationIds = pick('donation');
    const paymentIds = pick('payment');
    const hidden = { donor: positiveInt(typeof body.donor === 'string' ? body.donor : undefined), member: positiveInt(typeof body.member === 'string' ? body.member : undefined) };
    const result = await attempt(() => inTransaction(deps.db, (trx) => issueReceipt(trx, { donationIds, paymentIds, actor: actorOf(c) }, deps)));
    if (result.ok) {
      const r = result.value;
      setFlash(
        c,
        'success',
        r.delivery === 'email'
          ? msg(`Bestätigung Nr. ${r.number} ist ausgestellt und geht per Mail mit dem PDF hinaus.`, `Receipt no. ${r.number} is issued and goes out by e-mail with the PDF.`)
          : msg(`Bestätigung Nr. ${r.number} ist ausgestellt. Sie geht per Post: im Druckstapel drucken, unterschreiben, verschicken.`, `Receipt no. ${r.number} is issued. It goes by post: print it from the print batch, sign and send it.`),
      );
      return c.redirect(`/receipts/${r.id}`);
    }
    const error = result.error;
    if (error.code === 'conflict') {
      // a double click: the first request issued the receipt, the second finds every gift on it
      const covering = await activeReceiptsCovering(deps.db, { donationIds, paymentIds });
      const receipts = new Map(covering.map((r) => [Number(r.id), r.number]));
      if (receipts.size === 1 && covering.length === donationIds.length + paymentIds.length) {
        const [[id, number]] = [...receipts];
        setFlash(c, 'info', msg(`Diese Zuwendungen sind schon mit Nr. ${number} bestätigt.`, `These gifts are already confirmed by no. ${number}.`));
        return c.redirect(`/receipts/${id}`);
      }
    }
    if (!hidden.donor && !hidden.member) throw error;
    const person = await personOf(deps.db, hidden);
    const data = await newReceiptData(c, person);
    return c.html(<NewReceiptPage c={c} data={data} hidden={hidden.donor ? { donor: hidden.donor } : { member: hidden.member }} selected={{ donations: donationIds, payments: paymentIds }} error={error} />, error.status === 409 ? 409 : 422);
  });

  app.get('/receipts/print', async (c) => {
    const db = c.get('deps').db;
    const [batch, total] = await Promise.all([unprintedPostReceipts(db, PRINT_BATCH_SIZE), countReceipts(db, { state: 'post_unprinted' })]);
    return c.html(<PrintPage c={c} batch={batch} total={total} />);
  });

  app.get('/receipts/print.pdf', async (c) => {
    const deps = c.get('deps');
    const raw = c.req.query('ids');
    const batch = await buildPrintBatch(deps.db, raw === undefined ? {} : { ids: idList(raw) });
    if (!batch) throw new AppError('not_found', msg('Keine Bestätigungen zum Drucken.', 'No receipts to print.'));
    const day = berlinToday(deps.clock.now());
    return c.body(batch.pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Zuwendungsbestaetigungen-Druck-${day}.pdf"`,
      'cache-control': 'no-store',
      // which receipts the file holds: POST /receipts/print/done takes exactly these
      'x-receipt-ids': batch.receipts.map((r) => r.id).join(','),
    });
  });

  app.post('/receipts/print/done', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const ids = idList(typeof form.ids === 'string' ? form.ids : undefined);
    const done = await inTransaction(deps.db, (trx) => markReceiptsPrinted(trx, { ids, actor: actorOf(c) }, deps));
    setFlash(
      c,
      'success',
      done.skipped
        ? msg(`${done.marked} Bestätigung(en) als gedruckt markiert; ${done.skipped} waren schon markiert oder storniert.`, `${done.marked} receipt(s) marked as printed; ${done.skipped} were already marked or cancelled.`)
        : msg(`${done.marked} Bestätigung(en) als gedruckt markiert.`, `${done.marked} receipt(s) marked as printed.`),
    );
    return c.redirect('/receipts/print');
  });

  app.get('/receipts/:id', async (c, next) => {
    const id = idParam(c);
    if (id === null) return next(); // /receipts/annual and other pages of the area
    return c.html(<DetailPage c={c} data={await detailData(c.get('deps').db, id)} />);
  });

  app.get('/receipts/:id/pdf', async (c) => {
    const id = idParam(c);
    if (id === null) throw new AppError('not_found', RECEIPT_NOT_FOUND);
    return receiptPdfResponse(c, c.get('deps').db, id);
  });

  app.post('/receipts/:id/cancel', async (c) => {
    const deps = c.get('deps');
    const id = idParam(c);
    if (id === null) throw new AppError('not_found', RECEIPT_NOT_FOUND);
    const form = await readForm(c);
    const reason = typeof form.reason === 'string' ? form.reason : '';
    const confirm = form.confirm === 'on';
    const result = await attempt(async () => {
      if (!confirm) {
        throw new AppError('validation', undefined, [{ field: 'confirm', message: msg('Bitte ankreuzen, dass diese Bestätigung storniert werden soll.', 'Please tick that this receipt is to be cancelled.') }]);
      }
      return inTransaction(deps.db, (trx) => cancelReceipt(trx, { receiptId: id, reason, actor: actorOf(c) }, deps));
    });
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      const data = await detailData(deps.db, id);
      return c.html(<DetailPage c={c} data={data} cancelError={result.error} cancelValues={{ reason, confirm }} />, result.error.status === 409 ? 409 : 422);
    }
    setFlash(
      c,
      'success',
      msg(`Bestätigung Nr. ${result.value.number} ist storniert. Die Nummer bleibt verbraucht.`, `Receipt no. ${result.value.number} is cancelled. The number stays used.`),
    );
    return c.redirect(`/receipts/${id}`);
  });

  app.post('/receipts/:id/replace', async (c) => {
    const deps = c.get('deps');
    const id = idParam(c);
    if (id === null) throw new AppError('not_found', RECEIPT_NOT_FOUND);
    const old = await findReceipt(deps.db, id);
    if (!old) throw new AppError('not_found', RECEIPT_NOT_FOUND);
    if (old.replaced_by_id) {
      setFlash(c, 'info', msg(`Bestätigung Nr. ${old.number} ist schon durch Nr. ${old.replaced_by_number} ersetzt.`, `Receipt no. ${old.number} is already replaced by no. ${old.replaced_by_number}.`));
      return c.redirect(`/receipts/${old.replaced_by_id}`);
    }
    const items = await stillReceiptableOf(deps.db, id);
    const result = await attempt(async () => {
      if (!old.cancelled_at) throw new AppError('conflict', msg(`Bestätigung Nr. ${old.number} ist nicht storniert: erst stornieren, dann ersetzen.`, `Receipt no. ${old.number} is not cancelled: cancel it first.`));
      if (!items.donationIds.length && !items.paymentIds.length) {
        throw new AppError('conflict', msg('Keine der Zuwendungen lässt sich wieder bestätigen: statt eines Ersatzes bekommt der Zuwendende eine Mitteilung.', 'None of the gifts can be confirmed again: the donor gets a notice instead of a replacement.'));
      }
      return inTransaction(deps.db, (trx) => issueReceipt(trx, { ...items, replacesReceiptId: id, actor: actorOf(c) }, deps));
    });
    if (!result.ok) {
      const now = await findReceipt(deps.db, id);
      if (now?.replaced_by_id) return c.redirect(`/receipts/${now.replaced_by_id}`); // a double click
      return c.html(<DetailPage c={c} data={await detailData(deps.db, id)} replaceError={result.error} />, result.error.status === 409 ? 409 : 422);
    }
    const r = result.value;
    const total = (await findReceipt(deps.db, r.id))!.total_cents;
    setFlash(
      c,
      'success',
      msg(`Ersatz Nr. ${r.number} über ${formatEuro(total)} ist ausgestellt; er nennt die stornierte Nr. ${old.number}.`, `Replacement no. ${r.number} of ${formatEuro(total)} is issued; it names the cancelled no. ${old.number}.`),
    );
    return c.redirect(`/receipts/${r.id}`);
  });

  return app;
}
