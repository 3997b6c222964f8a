import { writeAuditMany } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { putBlobs } from '../files/blobs';
import { AppError, msg } from '../http/errors';
import { berlinToday, formatDate } from '../lib/dates';
import { formatEuro } from '../lib/money';
import { exemptionGate, isMachineMadeReceipt, receiptDelivery, receiptNumber } from '../lib/receipt-rules';
import { enqueueMails } from '../mail/enqueue-mail';
import { insertReceiptItems, insertReceipts, setReceiptOutbox, takeReceiptNumbers, type ReceiptAssociation } from './queries';
import { receiptData, receiptTotal, type ReceiptDraft } from './receipt-data';
import { renderReceipts } from './renderer';

/** Receipts per render job: small enough that storing one chunk overlaps drawing the next. */
const RENDER_CHUNK = 25;

export interface IssuedReceipt {
  id: number;
  number: string;
  delivery: 'email' | 'post';
  sha256: string;
  mailed: boolean;
}

/**
 * Issues receipts for drafts whose gifts and payments the caller has locked and checked: takes
 * the next numbers of the year (gapless, see takeReceiptNumbers), draws the PDFs, stores each
 * as the Doppel with its SHA-256 (§ 50 Abs. 7 EStDV), records which gifts and fees it covers
 * (a gift is on one valid receipt only: a unique index), queues the mail with the PDF where the
 * receipt is machine-made (spec §11.3) and writes the audit rows — all in the caller's
 * transaction, so a failure anywhere issues nothing and uses no number.
 */
export async function issueReceiptDrafts(
  trx: Executor,
  input: { drafts: ReceiptDraft[]; association: ReceiptAssociation; actor: Actor; runId?: number | null },
  deps: Pick<Deps, 'clock' | 'config'>,
): Promise<IssuedReceipt[]> {
  const { drafts, association: a } = input;
  if (!drafts.length) return [];
  const issuedAt = deps.clock.now();
  const issuedOn = berlinToday(issuedAt);
  const gate = exemptionGate({ kind: a.notice_kind, date: a.notice_date }, issuedOn);
  if (gate) throw new AppError('conflict', msg(gate.de, gate.en));

  const year = Number(issuedOn.slice(0, 4));
  const first = await takeReceiptNumbers(trx, year, drafts.length);
  const numbered = drafts.map((draft, i) => {
    const hasWaiver = draft.items.some((item) => item.waiver);
    const machineMade = isMachineMadeReceipt({ kind: draft.kind, hasWaiver, machineProcedureNotifiedOn: a.machine_procedure_notified_on });
    return { draft, seq: first + i, number: receiptNumber(year, first + i), hasWaiver, delivery: receiptDelivery({ machineMade, email: draft.recipient.email }) };
  });

  // Drawn in chunks that all go to the renderer at once: while the threads draw the next ones,
  // this thread stores the finished ones (an annual run keeps every core busy).
  const chunks: (typeof numbered)[] = [];
  for (let i = 0; i < numbered.length; i += RENDER_CHUNK) chunks.push(numbered.slice(i, i + RENDER_CHUNK));
  const drawn = chunks.map((chunk) => renderReceipts(chunk.map((n) => receiptData(a, n.draft, { number: n.number, issueDate: issuedOn, issuedAt }))));
  drawn.forEach((p) => p.catch(() => undefined)); // a failure is thrown where it is awaited, below
  const idByNumber = new Map<string, number>();
  const sha256ByNumber = new Map<string, string>();
  for (const [c, chunk] of chunks.entries()) {
    const pdfs = await drawn[c]!;
    const blobs = await putBlobs(
      trx,
      chunk.map((n, i) => ({ key: `receipts/${n.number}.pdf`, bytes: pdfs[i]!, contentType: 'application/pdf' })),
      issuedAt,
    );
    const rows = await insertReceipts(
      trx,
      chunk.map((n, i) => ({
        year,
        seq: n.seq,
        number: n.number,
        kind: n.draft.kind,
        donor_id: n.draft.donorId,
        member_id: n.draft.memberId,
        recipient_name: n.draft.recipient.name,
        recipient_address: n.draft.recipient.addressLines.join('\n'),
        period_from: n.draft.periodFrom,
        period_to: n.draft.periodTo,
        total_cents: receiptTotal(n.draft),
        has_waiver: n.hasWaiver,
        issued_on: issuedOn,
        issued_at: issuedAt,
        issued_by: input.actor.label,
        delivery: n.delivery,
        blob_key: blobs[i]!.key,
        sha256: blobs[i]!.sha256,
        replaces_receipt_id: n.draft.replaces?.id ?? null,
        run_id: input.runId ?? null,
      })),
    );
    for (const r of rows) idByNumber.set(r.number, Number(r.id));
    chunk.forEach((n, i) => sha256ByNumber.set(n.number, blobs[i]!.sha256));
    await insertItems(trx, chunk, idByNumber);
  }

  const mailed = numbered.filter((n) => n.delivery === 'email');
  const outboxIds = await enqueueMails(
    trx,
    mailed.map((n) => ({
      template: 'receipt-issued' as const,
      language: n.draft.recipient.language,
      to: n.draft.recipient.email!,
      vars: {
        name: n.draft.recipient.name,
        association: a.name,
        number: n.number,
        total: formatEuro(receiptTotal(n.draft)),
        period: n.draft.periodFrom === n.draft.periodTo ? formatDate(n.draft.periodFrom) : `${formatDate(n.draft.periodFrom)} – ${formatDate(n.draft.periodTo)}`,
        replaces: n.draft.replaces?.number ?? null,
        portalLink: `${deps.config.BASE_URL}${n.draft.donorId ? '/donor' : '/portal'}`,
      },
      attachments: [{ filename: `Zuwendungsbestaetigung-${n.number}.pdf`, contentType: 'application/pdf', blobKey: `receipts/${n.number}.pdf` }],
    })),
    deps,
  );
  await setReceiptOutbox(
    trx,
    mailed.map((n, i) => ({ id: idByNumber.get(n.number)!, outboxId: outboxIds[i]! })),
  );

  await writeAuditMany(
    trx,
    numbered.map((n, i) => ({
      actor: input.actor,
      action: n.draft.replaces ? 'receipt.replaced' : 'receipt.issued',
      entity: 'receipt',
      entityId: idByNumber.get(n.number)!,
      after: {
        number: n.number,
        kind: n.draft.kind,
        total_cents: receiptTotal(n.draft),
        items: n.draft.items.length,
        delivery: n.delivery,
        sha256: sha256ByNumber.get(n.number),
        ...(n.draft.replaces ? { replaces: n.draft.replaces.number } : {}),
        ...(input.runId ? { run_id: input.runId } : {}),
      },
    })),
    deps,
  );

  return numbered.map((n) => ({ id: idByNumber.get(n.number)!, number: n.number, delivery: n.delivery, sha256: sha256ByNumber.get(n.number)!, mailed: n.delivery === 'email' }));
}

async function insertItems(trx: Executor, chunk: { number: string; draft: ReceiptDraft }[], idByNumber: Map<string, number>) {
  try {
    await insertReceiptItems(
      trx,
      chunk.flatMap((n) =>
        n.draft.items.map((item) => ({
          receipt_id: idByNumber.get(n.number)!,
          donation_id: item.donationId,
          payment_id: item.paymentId,
          item_date: item.date,
          kind: item.kind,
          waiver: item.waiver,
          amount_cents: item.amountCents,
        })),
      ),
    );
  } catch (error) {
    // two issuances raced for the same gift: the unique index keeps the second one out
    if ((error as { code?: string }).code === '23505') {
      throw new AppError('conflict', msg('Eine der Zuwendungen wurde gerade schon bestätigt. Bitte die Seite neu laden.', 'One of the gifts was just receipted. Please reload the page.'));
    }
    throw error;
  }
}
