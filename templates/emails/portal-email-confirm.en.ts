import { mail } from './layout';
import type { PortalEmailConfirmVars } from './index';

export default (v: PortalEmailConfirmVars) =>
  mail(
    `Please confirm your new e-mail address – ${v.association}`,
    [
      `Hello ${v.name},`,
      `in the member portal of ${v.association} this address (${v.newEmail}) was given as your new e-mail address. This link confirms it; it is valid for ${v.hours} hours and works once:`,
      v.link,
      'Until you confirm, we write to your previous address. If this was not you, ignore this e-mail.',
    ],
    v.association,
  );
