import type { Deps, Executor } from '../deps';
import { AppError, msg, type Msg } from '../http/errors';
import { berlinToday } from '../lib/dates';
import { exemptionGate, isMachineMadeReceipt, receiptDelivery } from '../lib/receipt-rules';
import { annualRunCandidates, annualRunExclusions, associationForReceipts, type ReceiptAssociation, type YearWindow } from './queries';
import { resolveRecipients, type Recipient } from './recipients';

/** One person of an annual run: their receiptable gifts and fees of the year. */
export interface AnnualRunPerson {
  key: string;
  donorIds: number[];
  memberId: number | null;
  recipient: Recipient | null;
  gifts: number;
  fees: number;
  cents: number;
  /** an Aufwandsspende among the gifts: the receipt is signed by hand and goes by post */
  waiver: boolean;
}

/** The year's window: the calendar year, up to today while it is still running. */
export function yearWindow(year: number, today: string, a: ReceiptAssociation): YearWindow {
  const end = `${year}-12-31`;
  return { from: `${year}-01-01`, to: end < today ? end : today, simplifiedProof: a.simplified_proof, duesDeductible: a.member_dues_deductible };
}

export function checkYear(year: number, today: string): void {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > current) {
    throw new AppError('validation', undefined, [{ field: 'year', message: msg(`Jahr: bitte ein Jahr von 2000 bis ${current} angeben.`, `Year: give a year from 2000 to ${current}.`) }]);
  }
}

/** Everyone with something to receipt in the window, one entry per person (a donor who is a member counts once). */
export async function annualRunPeople(db: Executor, window: YearWindow): Promise<AnnualRunPerson[]> {
  const candidates = await annualRunCandidates(db, window);
  const people = new Map<string, AnnualRunPerson>();
  const person = (key: string, memberId: number | null) => {
    let p = people.get(key);
    if (!p) people.set(key, (p = { key, donorIds: [], memberId, recipient: null, gifts: 0, fees: 0, cents: 0, waiver: false }));
    return p;
  };
  for (const g of candidates.gifts) {
    const p = person(g.memberId ? `m${g.memberId}` : `d${g.donorId}`, g.memberId);
    p.donorIds.push(g.donorId);
    p.gifts += g.count;
    p.waiver ||= g.waiver;
    p.cents += g.cents;
  }
  for (const f of candidates.fees) {
    const p = person(`m${f.memberId}`, f.memberId);
    p.fees += f.count;
    p.cents += f.cents;
  }
  const recipients = await resolveRecipients(db, { donorIds: candidates.gifts.map((g) => g.donorId), memberIds: candidates.fees.map((f) => f.memberId) });
  for (const p of people.values()) p.recipient = p.memberId ? recipients.byMember(p.memberId) : recipients.byDonor(p.donorIds[0]!);
  return [...people.values()].sort((x, y) => (x.recipient?.name ?? '').localeCompare(y.recipient?.name ?? '', 'de') || x.key.localeCompare(y.key));
}

export interface AnnualRunPreview {
  year: number;
  from: string;
  to: string;
  /** the year is not over yet: later gifts will need another receipt */
  yearRunning: boolean;
  /** § 63 Abs. 5 AO: why no receipt may be issued now, or null */
  gate: Msg | null;
  receipts: { count: number; gifts: number; fees: number; cents: number; byMail: number; byPost: number };
  /** people left out because a letter could not reach them */
  withoutAddress: { count: number; cents: number; people: { key: string; name: string; donorId: number | null; memberId: number | null; cents: number }[] };
  excluded: Awaited<ReturnType<typeof annualRunExclusions>>;
  /** the first people of the run (name order) with what they get */
  people: { key: string; name: string; gifts: number; fees: number; cents: number; delivery: 'email' | 'post' }[];
}

/** What the annual run of a year would issue and what it leaves out, and why (nothing is written). */
export async function previewAnnualRun(db: Executor, input: { year: number; listLimit?: number }, deps: Pick<Deps, 'clock'>): Promise<AnnualRunPreview> {
  const a = await associationForReceipts(db);
  if (!a) throw new AppError('conflict', msg('Zuerst die Stammdaten des Vereins eintragen.', 'Enter the association’s master data first.'));
  const today = berlinToday(deps.clock.now());
  checkYear(input.year, today);
  const window = yearWindow(input.year, today, a);
  const people = await annualRunPeople(db, window);
  const reachable = people.filter((p) => p.recipient?.addressLines);
  const unreachable = people.filter((p) => !p.recipient?.addressLines);
  const delivery = (p: AnnualRunPerson) =>
    receiptDelivery({
      machineMade: isMachineMadeReceipt({ kind: 'sammel', hasWaiver: p.waiver, machineProcedureNotifiedOn: a.machine_procedure_notified_on }),
      email: p.recipient!.email,
    });
  const gate = exemptionGate({ kind: a.notice_kind, date: a.notice_date }, today);
  const byMail = reachable.filter((p) => delivery(p) === 'email').length;
  return {
    year: input.year,
    from: window.from,
    to: window.to,
    yearRunning: window.to < `${input.year}-12-31`,
    gate: gate ? msg(gate.de, gate.en) : null,
    receipts: {
      count: reachable.length,
      gifts: reachable.reduce((s, p) => s + p.gifts, 0),
      fees: reachable.reduce((s, p) => s + p.fees, 0),
      cents: reachable.reduce((s, p) => s + p.cents, 0),
      byMail,
      byPost: reachable.length - byMail,
    },
    withoutAddress: {
      count: unreachable.length,
      cents: unreachable.reduce((s, p) => s + p.cents, 0),
      people: unreachable.slice(0, input.listLimit ?? 100).map((p) => ({ key: p.key, name: p.recipient?.name ?? '?', donorId: p.recipient?.donorId ?? p.donorIds[0] ?? null, memberId: p.memberId, cents: p.cents })),
    },
    excluded: await annualRunExclusions(db, window),
    people: reachable.slice(0, input.listLimit ?? 100).map((p) => ({ key: p.key, name: p.recipient!.name, gifts: p.gifts, fees: p.fees, cents: p.cents, delivery: delivery(p) })),
  };
}
