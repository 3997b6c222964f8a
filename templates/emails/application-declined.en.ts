import { mail } from './layout';
import type { ApplicationDeclinedVars } from './index';

export default (v: ApplicationDeclinedVars) =>
  mail(
    `Your membership application to ${v.association}`,
    [
      `Hello ${v.name},`,
      `thank you for your interest in ${v.association} – unfortunately we cannot accept your application for membership.`,
      ...(v.message ? [v.message] : []),
      'We have deleted the data of your application; there will be no direct debit.',
    ],
    v.association,
  );
