import { mail } from './layout';
import type { PortalEmailChangedVars } from './index';

export default (v: PortalEmailChangedVars) =>
  mail(
    `Your e-mail address was changed – ${v.association}`,
    [
      `Hello ${v.name},`,
      `your e-mail address at ${v.association} is now ${v.newEmail} (previously ${v.oldEmail}). The new address was confirmed through a link we sent to it; from now on we write there.`,
      `If you did not do this, please contact ${v.association}.`,
    ],
    v.association,
  );
