import { mail } from './layout';
import type { InviteVars } from './index';

export default (v: InviteVars) =>
  mail(
    `Invitation to Kassenwart – ${v.association}`,
    [
      `Hello ${v.name},`,
      `${v.invitedBy} has invited you to Kassenwart, the membership and finance system of ${v.association} (role: ${v.role}).`,
      'Use this link to set your password. It is valid for 7 days and works once:',
      v.link,
      'If you did not expect this invitation, you can ignore this e-mail.',
    ],
    `${v.association} · Kassenwart`,
  );
