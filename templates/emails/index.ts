import type { RenderedMail } from './layout';
import inviteDe from './invite.de';
import inviteEn from './invite.en';
import passwordResetDe from './password-reset.de';
import passwordResetEn from './password-reset.en';
import sepaPrenotificationDe from './sepa-prenotification.de';
import sepaReturnDe from './sepa-return.de';
import sepaReturnEn from './sepa-return.en';

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
  'sepa-return': { de: sepaReturnDe, en: sepaReturnEn },
} satisfies Record<string, Record<string, (vars: any) => RenderedMail>>;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailVars<T extends EmailTemplateName> = Parameters<(typeof emailTemplates)[T]['de']>[0];
