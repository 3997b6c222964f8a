import { mail } from './layout';
import type { PasswordResetVars } from './index';

export default (v: PasswordResetVars) =>
  mail(
    'Kassenwart: Passwort zurücksetzen',
    [
      `Hallo ${v.name},`,
      'für Ihr Konto bei Kassenwart wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest. Er gilt 1 Stunde und nur einmal:',
      v.link,
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.',
    ],
    `${v.association} · Kassenwart`,
  );
