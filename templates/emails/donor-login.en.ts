import { mail } from './layout';
import type { DonorLoginVars } from './index';

export default (v: DonorLoginVars) =>
  mail(
    `Your login link for the donor portal – ${v.association}`,
    [
      `Hello ${v.name},`,
      `this link logs you in to the donor portal of ${v.association}, where you see your gifts and can change your monthly gift and your address. It is valid for ${v.minutes} minutes and works once:`,
      v.link,
      'If you did not ask for a link, simply ignore this e-mail; without the link nobody logs in.',
    ],
    v.association,
  );
