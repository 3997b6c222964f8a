import { z } from '@hono/zod-openapi';
import type { GrantDeadlineKind } from '../../db/schema';
import { bilingual, msg } from '../http/errors';
import { isIsoDate } from '../lib/dates';

/** Deadlines of applications at the boundary: the screens' forms and the JSON API (grants deadlines). */

export const DEADLINE_KINDS: readonly GrantDeadlineKind[] = ['application', 'drawdown', 'interim_report', 'final_report', 'retention_end', 'other'];

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const DATE_MESSAGE = bilingual(msg('Datum im Format JJJJ-MM-TT (ein Tag, den es gibt)', 'Date as YYYY-MM-DD (a day that exists)'));
export const isoDate = () =>
  z
    .string({ error: DATE_MESSAGE })
    .trim()
    .refine(isIsoDate, { error: DATE_MESSAGE })
    .openapi({ example: '2027-03-31' });

const kind = z.enum(DEADLINE_KINDS as [GrantDeadlineKind, ...GrantDeadlineKind[]], {
  error: bilingual(msg('Art der Frist: bitte auswählen', 'Kind of deadline: please choose one')),
});
const title = z.string().trim().min(1).max(200);
const notes = z.string().trim().max(2000);

/** A new deadline; the title defaults to the kind's name. */
export const newDeadlineSchema = z
  .strictObject({
    kind,
    title: z.preprocess(blank, title.optional()).openapi({ description: 'Leer = Name der Art / empty = the kind’s name' }),
    due_on: isoDate(),
    notes: z.preprocess(blank, notes.nullable().optional()),
  })
  .openapi('GrantDeadlineNew');
export type NewDeadlineInput = z.output<typeof newDeadlineSchema>;

/** A change: what is given changes; done_on null reopens, a date marks it done on that day. */
export const deadlinePatchSchema = z
  .strictObject({
    kind: kind.optional(),
    title: title.optional(),
    due_on: isoDate().optional(),
    notes: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), notes.nullable().optional()),
    done_on: isoDate().nullable().optional().openapi({ description: 'Erledigt am (null = wieder offen) / done on (null = open again)' }),
  })
  .openapi('GrantDeadlinePatch');
export type DeadlinePatchInput = z.output<typeof deadlinePatchSchema>;

/** The form on the application page: one button per action. */
export const deadlineActionSchema = z.enum(['done', 'reopen', 'delete', 'update'], {
  error: bilingual(msg('Unbekannte Aktion', 'Unknown action')),
});

export const deadlineListQuery = z.object({
  days: z.preprocess(blank, z.coerce.number().int().min(1).max(3660).default(90)).openapi({ description: 'Tage ab heute (Standard 90); überfällige immer / days from today (default 90); overdue always' }),
});
