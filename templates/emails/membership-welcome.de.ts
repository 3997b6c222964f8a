import { mail } from './layout';
import type { MembershipWelcomeVars } from './index';
import { PER_INTERVAL } from './words';

export default (v: MembershipWelcomeVars) =>
  mail(
    `Willkommen bei ${v.association} – Mitgliedsnummer ${v.memberNumber}`,
    [
      `Hallo ${v.name},`,
      `wir freuen uns: Sie sind jetzt Mitglied bei ${v.association} – Ihre Mitgliedsnummer ist ${v.memberNumber}, Ihre Mitgliedschaft „${v.typeName}“ (${v.fee} ${PER_INTERVAL.de[v.interval]}).`,
      ...(v.debit
        ? [
            `Ihr SEPA-Lastschriftmandat gilt ab jetzt. Mandatsreferenz: ${v.debit.reference} · Gläubiger-Identifikationsnummer: ${v.debit.creditorId} · Konto: ${v.debit.ibanMasked}`,
            ...(v.first ? [`Den ersten Beitrag von ${v.first.amount} buchen wir frühestens am ${v.first.date} ab; vor jeder Abbuchung bekommen Sie eine Ankündigung mit Betrag und Datum.`] : []),
          ]
        : []),
      ...(v.transfer && v.first
        ? [`Der erste Beitrag von ${v.first.amount} ist am ${v.first.date} fällig. Bitte überweisen Sie ihn an ${v.association}, IBAN ${v.transfer.iban}, Verwendungszweck „${v.transfer.reference}“ – Sie bekommen dazu auch eine Zahlungsaufforderung mit QR-Code.`]
        : []),
      'Ihre Daten, Beiträge und Zahlungen sehen und ändern Sie im Mitgliederbereich (Anmeldung mit einem Link per E-Mail, ohne Passwort):',
      v.portalLink,
    ],
    v.association,
  );
