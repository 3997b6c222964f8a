import { mail } from './layout';
import type { InviteVars } from './index';

export default (v: InviteVars) =>
  mail(
    `Einladung zu Kassenwart – ${v.association}`,
    [
      `Hallo ${v.name},`,
      `${v.invitedBy} hat Sie zu Kassenwart, der Mitglieder- und Finanzverwaltung von ${v.association}, eingeladen (Rolle: ${v.role}).`,
      'Über diesen Link legen Sie Ihr Passwort fest. Er gilt 7 Tage und nur einmal:',
      v.link,
      'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
    ],
    `${v.association} · Kassenwart`,
  );
