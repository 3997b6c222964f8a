import { mail } from './layout';
import type { PasswordResetVars } from './index';

export default (v: PasswordResetVars) =>
  mail(
    'Kassenwart: reset your password',
    [
      `Hello ${v.name},`,
      'A new password was requested for your Kassenwart account. Use this link to set it. It is valid for 1 hour and works once:',
      v.link,
      'If you did not ask for this, ignore this e-mail; your password stays as it is.',
    ],
    `${v.association} · Kassenwart`,
  );
