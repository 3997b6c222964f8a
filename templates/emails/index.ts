import type { FeeInterval } from '../../db/schema';
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
import duesClaimDe from './dues-claim.de';
import duesClaimEn from './dues-claim.en';
import duesClaimAr from './dues-claim.ar';
import duesClaimTr from './dues-claim.tr';
import portalLoginDe from './portal-login.de';
import portalLoginEn from './portal-login.en';
import portalLoginAr from './portal-login.ar';
import portalLoginTr from './portal-login.tr';
import donorLoginDe from './donor-login.de';
import donorLoginEn from './donor-login.en';
import donorLoginAr from './donor-login.ar';
import donorLoginTr from './donor-login.tr';
import portalEmailConfirmDe from './portal-email-confirm.de';
import portalEmailConfirmEn from './portal-email-confirm.en';
import portalEmailConfirmAr from './portal-email-confirm.ar';
import portalEmailConfirmTr from './portal-email-confirm.tr';
import portalEmailChangedDe from './portal-email-changed.de';
import portalEmailChangedEn from './portal-email-changed.en';
import portalEmailChangedAr from './portal-email-changed.ar';
import portalEmailChangedTr from './portal-email-changed.tr';
import applicationReceivedDe from './application-received.de';
import applicationReceivedEn from './application-received.en';
import applicationReceivedAr from './application-received.ar';
import applicationReceivedTr from './application-received.tr';
import membershipWelcomeDe from './membership-welcome.de';
import membershipWelcomeEn from './membership-welcome.en';
import membershipWelcomeAr from './membership-welcome.ar';
import membershipWelcomeTr from './membership-welcome.tr';
import applicationDeclinedDe from './application-declined.de';
import applicationDeclinedEn from './application-declined.en';
import applicationDeclinedAr from './application-declined.ar';
import applicationDeclinedTr from './application-declined.tr';
import donationThanksDe from './donation-thanks.de';
import donationThanksEn from './donation-thanks.en';
import donationThanksAr from './donation-thanks.ar';
import donationThanksTr from './donation-thanks.tr';

import receiptIssuedDe from './receipt-issued.de';
import receiptIssuedEn from './receipt-issued.en';
import receiptIssuedAr from './receipt-issued.ar';
import receiptIssuedTr from './receipt-issued.tr';
import grantDeadlineReminderDe from './grant-deadline-reminder.de';
import grantDeadlineReminderEn from './grant-deadline-reminder.en';
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
export interface DuesClaimVars {
  name: string;
  association: string;
  /** `member`: the family member the line is for, when not the payer */
  lines: { label: string; member: string | null; due: string; amount: string }[];
  total: string;
  firstDue: string;
  iban: string;
  bic: string | null;
  reference: string;
  /** content id of the attached EPC-QR image */
  qrCid: string;
  /** the card payment link (Stripe Checkout), where Stripe is configured */
  cardUrl?: string | null;
}
export interface ApplicationReceivedVars {
  name: string;
  association: string;
  typeName: string;
  fee: string;
  interval: FeeInterval;
  byDebit: boolean;
}
export interface MembershipWelcomeVars {
  name: string;
  association: string;
  memberNumber: number;
  typeName: string;
  fee: string;
  interval: FeeInterval;
  /** the first claim: due date (for a debit: the earliest debit day) and amount; null when nothing is owed */
  first: { date: string; amount: string } | null;
  debit: { reference: string; creditorId: string; ibanMasked: string } | null;
  transfer: { iban: string; reference: string } | null;
  portalLink: string;
}
export interface ApplicationDeclinedVars {
  name: string;
  association: string;
  /** the treasurer's own words, when given */
  message: string | null;
}
export interface PortalLoginVars {
  name: string;
  association: string;
  link: string;
  minutes: number;
}
export interface DonorLoginVars {
  name: string;
  association: string;
  link: string;
  minutes: number;
}
export interface PortalEmailConfirmVars {
  name: string;
  association: string;
  link: string;
  newEmail: string;
  hours: number;
}
export interface PortalEmailChangedVars {
  name: string;
  association: string;
  oldEmail: string;
  newEmail: string;
}
export interface ReceiptIssuedVars {
  name: string;
  association: string;
  number: string;
  /** "120,00 €" */
  total: string;
  /** "15.03.2026" or "01.01.2026 – 31.12.2026" */
  period: string;
  /** the number of the cancelled receipt this one replaces */
  replaces: string | null;
  /** the donor or member portal, where the receipt can be downloaded again */
  portalLink: string | null;
}
/** A reminder of a grant deadline to staff (grants deadlines). */
export interface GrantDeadlineReminderVars {
  name: string;
  association: string;
  deadlineTitle: string;
  /** the kind's name, e.g. 'Zwischenbericht' */
  kind: string;
  application: string;
  funder: string;
  /** the German date, '15.12.2026' */
  due: string;
  /** days until the deadline; 0 = today, negative = overdue */
  daysLeft: number;
  link: string;
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
  'portal-login': { de: portalLoginDe, en: portalLoginEn, ar: portalLoginAr, tr: portalLoginTr },
  'donor-login': { de: donorLoginDe, en: donorLoginEn, ar: donorLoginAr, tr: donorLoginTr },
  'portal-email-confirm': { de: portalEmailConfirmDe, en: portalEmailConfirmEn, ar: portalEmailConfirmAr, tr: portalEmailConfirmTr },
  'portal-email-changed': { de: portalEmailChangedDe, en: portalEmailChangedEn, ar: portalEmailChangedAr, tr: portalEmailChangedTr },
  'dues-claim': { de: duesClaimDe, en: duesClaimEn, ar: duesClaimAr, tr: duesClaimTr },
  'application-received': { de: applicationReceivedDe, en: applicationReceivedEn, ar: applicationReceivedAr, tr: applicationReceivedTr },
  'membership-welcome': { de: membershipWelcomeDe, en: membershipWelcomeEn, ar: membershipWelcomeAr, tr: membershipWelcomeTr },
  'application-declined': { de: applicationDeclinedDe, en: applicationDeclinedEn, ar: applicationDeclinedAr, tr: applicationDeclinedTr },
  // The thanks for a gift; its simplified proof (vereinfachter Zuwendungsnachweis) stays German in every language.
  'donation-thanks': { de: donationThanksDe, en: donationThanksEn, ar: donationThanksAr, tr: donationThanksTr },
  // A machine-made receipt, attached as PDF (the receipt itself is German).
  'receipt-issued': { de: receiptIssuedDe, en: receiptIssuedEn, ar: receiptIssuedAr, tr: receiptIssuedTr },
  // Staff mails: German or English by the user's language.
  'grant-deadline-reminder': { de: grantDeadlineReminderDe, en: grantDeadlineReminderEn },
} satisfies Record<string, Record<string, (vars: any) => RenderedMail>>;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailVars<T extends EmailTemplateName> = Parameters<(typeof emailTemplates)[T]['de']>[0];
