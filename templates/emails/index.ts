import type { RenderedMail } from './layout';
import inviteDe from './invite.de';
import inviteEn from './invite.en';
import passwordResetDe from './password-reset.de';
import passwordResetEn from './password-reset.en';
import sepaPrenotificationDe from './sepa-prenotification.de';
import sepaReturnDe from './sepa-return.de';
import dunningReminderDe from './dunning-reminder.de';
import dunningReminderEn from './dunning-reminder.en';
import dunningReminderAr from './dunning-reminder.ar';
import dunningReminderTr from './dunning-reminder.tr';
import sepaReturnEn from './sepa-return.en';
import sepaReturnAr from './sepa-return.ar';
import sepaReturnTr from './sepa-return.tr';

export interface InviteVars {
  name: string;
  association: string;
  invitedBy: string;
  role: string;
  link: string;
}
export interface SepaPrenotificationVars {
  name: string;
  association: string;
  dueDate: string;
  total: string;
  ibanMasked: string;
  mandateReference: string;
  creditorId: string;
  lines: { label: string; amount: string }[];
}
export interface SepaReturnVars {
  name: string;
  association: string;
  amount: string;
  label: string;
  dueDate: string;
  reason: string;
  fee: string | null;
  mandateStopped: boolean;
  iban: string;
  reference: string;
}
export interface DunningReminderVars {
  name: string;
  association: string;
  level: number;
  lines: { label: string; due: string; amount: string }[];
  fee: string | null;
  total: string;
  iban: string;
  reference: string;
  /** content id of the attached EPC-QR image, when there is one */
  qrCid: string | null;
}
export interface PasswordResetVars {
  name: string;
  association: string;
  link: string;
}

/**
 * Every mail template, one file per language. Staff mails exist in German and English; the
 * member- and donor-facing mails of later areas add Arabic and Turkish.
 */
export const emailTemplates = {
  invite: { de: inviteDe, en: inviteEn },
  'password-reset': { de: passwordResetDe, en: passwordResetEn },
  // Legal documents stay German for every member (DESIGN.md).
  'sepa-prenotification': { de: sepaPrenotificationDe },
  // Mails to members and donors come in their language: German, English, Arabic (right to left), Turkish.
  'sepa-return': { de: sepaReturnDe, en: sepaReturnEn, ar: sepaReturnAr, tr: sepaReturnTr },
  'dunning-reminder': { de: dunningReminderDe, en: dunningReminderEn, ar: dunningReminderAr, tr: dunningReminderTr },
} satisfies Record<string, Record<string, (vars: any) => RenderedMail>>;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailVars<T extends EmailTemplateName> = Parameters<(typeof emailTemplates)[T]['de']>[0];
