import { mail } from './layout';
import type { PortalLoginVars } from './index';

export default (v: PortalLoginVars) =>
  mail(
    `Your login link for the member portal – ${v.association}`,
    [
      `Hello ${v.name},`,
      `this link logs you in to the member portal of ${v.association}. It is valid for ${v.minutes} minutes and works once:`,
      v.link,
      'If you did not ask for a link, simply ignore this e-mail; nobody can log in without the link.',
    ],
    v.association,
  );
