import type { Executor } from '../deps';
import { AppError, msg, type FieldError, type Msg } from '../http/errors';
import { formatDate } from '../lib/dates';
import { formatEuro } from '../lib/money';
import { findFunder, findUserForGrant, GRANT_ROLES } from './queries';
import type { ApplicationInput } from './schemas';

/** What the grants core says back besides yes or no: saved, but look again. */
export interface GrantWarning {
  code: 'approved_above_requested';
  message: Msg;
}

export const APPLICATION_NOT_FOUND = msg('Diesen Förderantrag gibt es nicht.', 'This grant application does not exist.');

/** Approved above requested happens (a funder rounds up, adds a flat rate): saved, with a warning. */
export function amountWarnings(a: { requested_cents: number; approved_cents: number | null }): GrantWarning[] {
  if (a.approved_cents === null || a.approved_cents <= a.requested_cents) return [];
  return [
    {
      code: 'approved_above_requested',
      message: msg(
        `Achtung: bewilligt sind ${formatEuro(a.approved_cents)}, beantragt waren nur ${formatEuro(a.requested_cents)}. Bitte den Bescheid prüfen.`,
        `Note: ${formatEuro(a.approved_cents)} approved, but only ${formatEuro(a.requested_cents)} requested. Please check the approval notice.`,
      ),
    },
  ];
}

/**
 * The rules a schema cannot see: the funder exists, the responsible person may edit grants, the
 * project does not end before it starts. All problems at once, as field errors.
 */
export async function checkApplication(trx: Executor, a: ApplicationInput, currentResponsible?: number | null) {
  const errors: FieldError[] = [];
  if (!(await findFunder(trx, a.funder_id))) errors.push({ field: 'funder_id', message: msg('Fördermittelgeber: diesen gibt es nicht – bitte wählen', 'Funder: does not exist – please choose one') });
  if (a.responsible_user_id && a.responsible_user_id !== currentResponsible) {
    const u = await findUserForGrant(trx, a.responsible_user_id);
    if (!u || u.status !== 'active' || !(GRANT_ROLES as readonly string[]).includes(u.role)) {
      errors.push({
        field: 'responsible_user_id',
        message: msg('Verantwortlich: nur aktive Benutzer mit der Rolle Admin, Kassenwart/in oder Vorstand', 'Responsible person: only active users with the role admin, treasurer or board'),
      });
    }
  }
  if (a.period_from && a.period_to && a.period_to < a.period_from) {
    errors.push({
      field: 'period_to',
      message: msg(`Projektende: liegt vor dem Projektbeginn (${formatDate(a.period_from)})`, `Project end: before the project start (${formatDate(a.period_from)})`),
    });
  }
  if (errors.length) throw new AppError('validation', undefined, errors);
}

export function applicationValues(a: ApplicationInput) {
  return {
    title: a.title,
    project: a.project ?? null,
    funder_id: a.funder_id,
    responsible_user_id: a.responsible_user_id ?? null,
    requested_cents: a.requested_cents,
    approved_cents: a.approved_cents ?? null,
    own_contribution_cents: a.own_contribution_cents ?? 0,
    period_from: a.period_from ?? null,
    period_to: a.period_to ?? null,
    conditions: a.conditions ?? null,
    notes: a.notes ?? null,
  };
}

const INPUT_KEYS = ['title', 'project', 'funder_id', 'responsible_user_id', 'requested_cents', 'approved_cents', 'own_contribution_cents', 'period_from', 'period_to', 'conditions', 'notes'] as const;

/** A stored application as the input it could have come from: a PATCH changes some of it. */
export function applicationAsInput(row: Record<(typeof INPUT_KEYS)[number], unknown>): Record<string, unknown> {
  return Object.fromEntries(INPUT_KEYS.map((k) => [k, row[k]]));
}
