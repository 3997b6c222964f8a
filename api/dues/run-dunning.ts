import { writeAudit } from '../audit/write-audit';
import type { Actor, Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { berlinToday, formatDate } from '../lib/dates';
import { nextReminderLevel } from '../lib/dunning';
import { epcPayload } from '../lib/epc-qr';
import { formatIban } from '../lib/iban';
import { formatEuro } from '../lib/money';
import { enqueueMail } from '../mail/enqueue-mail';
import { getAssociation } from '../settings/queries';
import { dunnableClaims, insertFeeClaim, insertReminders, setReminderMail } from './queries';

const LEVEL_NAME = ['', 'Zahlungserinnerung', '2. Mahnung', '3. Mahnung'];

export interface DunningPlanItem {
  claimId: number;
  debtorId: number;
  name: string;
  label: string;
  openCents: number;
  level: number;
  hasEmail: boolean;
}

/** What a dunning run would send today (for the preview), without writing anything. */
export async function planDunning(db: Executor, deps: Pick<Deps, 'clock'>): Promise<DunningPlanItem[]> {
  const association = await getAssociation(db);
  if (!association) return [];
  const today = berlinToday(deps.clock.now());
  return (await dunnableClaims(db, today)).flatMap((c) => {
    const level = nextReminderLevel(c, association.dunning_levels, today);
    return level === null
      ? []
      : [{ claimId: c.id, debtorId: c.debtor_member_id, name: `${c.first_name} ${c.last_name}`, label: c.label, openCents: c.open_cents, level, hasEmail: Boolean(c.email) }];
  });
}

/**
 * A dunning run (Mahnlauf): every claim due for its next reminder level gets it, one mail per
 * payer (German or English) listing the claims, with bank details and an EPC-QR code (GiroCode)
 * for the transfer, and the level's fee as a claim of its own. A level is recorded per claim
 * before the mail is written, behind a unique index: a second run, or two at once, never remind
 * twice at the same level. Payers without an e-mail address are left out and listed (letter).
 */
export async function runDunning(trx: Executor, input: { actor: Actor }, deps: Pick<Deps, 'clock'>) {
  const association = await getAssociation(trx);
  if (!association) throw new AppError('conflict', msg('Kassenwart ist noch nicht eingerichtet.', 'Kassenwart is not set up yet.'));
  const today = berlinToday(deps.clock.now());
  const now = deps.clock.now();
  const claims = await dunnableClaims(trx, today);
  const byDebtor = new Map<number, { claim: (typeof claims)[number]; level: number }[]>();
  const withoutEmail = new Map<number, string>();
  for (const claim of claims) {
    const level = nextReminderLevel(claim, association.dunning_levels, today);
    if (level === null) continue;
    if (!claim.email) {
      withoutEmail.set(claim.debtor_member_id, `${claim.first_name} ${claim.last_name}`);
      continue;
    }
    byDebtor.set(claim.debtor_member_id, [...(byDebtor.get(claim.debtor_member_id) ?? []), { claim, level }]);
  }

  let mails = 0;
  let reminders = 0;
  let fees = 0;
  for (const [debtorId, due] of byDebtor) {
    const recorded = await insertReminders(
      trx,
      due.map(({ claim, level }) => ({ claim_id: claim.id, level, sent_on: today, fee_claim_id: null, outbox_id: null, created_at: now })),
    );
    if (!recorded.length) continue; // another run got there first
    const sent = due.filter(({ claim }) => recorded.some((r) => r.claim_id === claim.id));
    const first = sent[0]!.claim;
    const level = Math.max(...sent.map((s) => s.level));
    const feeCents = association.dunning_levels[level - 1]?.fee_cents ?? 0;
    const fee =
      feeCents > 0
        ? await insertFeeClaim(trx, { member_id: debtorId, membership_type_id: first.membership_type_id, label: `Mahngebühr (${LEVEL_NAME[level]})`, due_date: today, amount_cents: feeCents, created_at: now })
        : null;
    const totalCents = sent.reduce((s, x) => s + x.claim.open_cents, 0) + feeCents;
    const reference = `Mitglied ${first.member_number ?? debtorId} Beitrag`;
    const qr = epcPayload({ name: association.name, iban: association.iban, bic: association.bic, amountCents: totalCents, text: `${reference} ${first.first_name} ${first.last_name}`.slice(0, 140) });
    const outboxId = await enqueueMail(
      trx,
      {
        template: 'dunning-reminder',
        language: first.language,
        to: first.email!,
        attachments: [{ filename: 'girocode.png', contentType: 'image/png', epcQrPayload: qr, cid: 'girocode' }],
        vars: {
          name: `${first.first_name} ${first.last_name}`,
          association: association.name,
          level,
          lines: sent.map(({ claim }) => ({ label: claim.label, due: formatDate(claim.due_date), amount: formatEuro(claim.open_cents) })),
          fee: fee ? formatEuro(feeCents) : null,
          total: formatEuro(totalCents),
          iban: formatIban(association.iban),
          reference,
          qrCid: 'girocode',
        },
      },
      deps,
    );
    await setReminderMail(trx, recorded.map((r) => r.id), outboxId, fee?.id ?? null);
    mails++;
    reminders += recorded.length;
    if (fee) fees++;
  }
  const result = { mails, reminders, fees, withoutEmail: [...withoutEmail.values()] };
  await writeAudit(trx, { actor: input.actor, action: 'dunning_run.completed', entity: 'dunning_run', entityId: today, after: { ...result } }, deps);
  return result;
}
