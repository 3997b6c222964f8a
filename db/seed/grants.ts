import type { Clock, Executor } from '../../api/deps';
import { addDays, berlinToday } from '../../api/lib/dates';
import { canMove } from '../../api/lib/grants';
import type { FunderKind, GrantDeadlineKind, GrantFundingKind, GrantPlanCategory, GrantStatus } from '../schema';
import { DEMO_LOGINS } from './foundation';
import type { Rng } from './random';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The grants area of the demo (issue #6): the funders a Berlin counselling association for
 * people with a Duldung writes to, and sixteen applications in every state of the pipeline,
 * each with its history of allowed moves, its cost and financing plan, and — once running —
 * its draw-downs, payments and expenses with Belegnummern. Deadlines around "now": done ones,
 * two overdue, several in the next 90 days. Written straight to the tables (the grants
 * operations are tested on their own); all dates relative to the clock, in Berlin.
 */

interface FunderSpec {
  key: string;
  name: string;
  kind: FunderKind;
  programme: string;
  contact: string;
  email: string;
  phone: string;
  website: string;
  deadlines: string;
  notes: string;
}

const FUNDERS: FunderSpec[] = [
  {
    key: 'am',
    name: 'Aktion Mensch e.V.',
    kind: 'foundation',
    programme: 'Förderprogramm Teilhabe',
    contact: 'Förderberatung, Team Migration',
    email: 'foerderberatung@example.org',
    phone: '0228 2092-5555',
    website: 'https://www.aktion-mensch.de/foerderung',
    deadlines: 'laufend; Antrag spätestens 6 Wochen vor Projektbeginn',
    notes: 'Eigenanteil mind. 10 %; Personalkosten bis zu 5 Jahre förderfähig. Antrag nur über das Förderportal.',
  },
  {
    key: 'pcl',
    name: 'Deutsche Postcode Lotterie',
    kind: 'other',
    programme: 'Projektförderung Soziales',
    contact: 'Frau Janssen, Förderabteilung',
    email: 'j.janssen@example.org',
    phone: '030 700 140-200',
    website: 'https://www.postcode-lotterie.de/projektfoerderung',
    deadlines: 'zwei Antragsfenster im Jahr (Frühjahr und Herbst)',
    notes: 'Fördert bis 12 Monate, max. 50.000 €. Logo der Lotterie auf allen Materialien.',
  },
  {
    key: 'bsb',
    name: 'Bürgerstiftung Berlin',
    kind: 'foundation',
    programme: 'Nachbarschaftsfonds',
    contact: 'Dr. Helga Brenner',
    email: 'h.brenner@example.org',
    phone: '030 8145 3320',
    website: 'https://www.buergerstiftung-berlin.de',
    deadlines: '31.03. und 30.09. jedes Jahres',
    notes: 'Kleine Beträge bis 8.000 €, schnelle Entscheidung im Stiftungsrat. Kurzbericht statt Verwendungsnachweis.',
  },
  {
    key: 'bamf',
    name: 'Bundesamt für Migration und Flüchtlinge (BAMF)',
    kind: 'federal',
    programme: 'Migrationsberatung für erwachsene Zugewanderte (MBE)',
    contact: 'Referat 82A, Zuwendungen',
    email: 'mbe-zuwendungen@example.org',
    phone: '0911 943-0',
    website: 'https://www.bamf.de/DE/Themen/Integration/ZugewanderteTeilnehmende/MigrationsberatungErwachsene/migrationsberatungerwachsene-node.html',
    deadlines: 'Antrag bis 30.09. für das Folgejahr (über den Spitzenverband)',
    notes: 'Zwischennachweis zum 30.04. des Folgejahres, Verwendungsnachweis 6 Monate nach Ende. Mittelabruf nur für 6 Wochen Bedarf.',
  },
  {
    key: 'land',
    name: 'Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung',
    kind: 'state',
    programme: 'Landesprogramm Integration',
    contact: 'Herr Okafor, Referat Integration',
    email: 'landesprogramm.integration@example.org',
    phone: '030 9028-1234',
    website: 'https://www.berlin.de/lb/intmig/',
    deadlines: 'Interessenbekundung bis 15.01., Antrag bis 31.03.',
    notes: 'Zuwendung nach LHO §§ 23, 44; ANBest-P gelten. Kofinanzierung für AMIF möglich.',
  },
  {
    key: 'bezirk',
    name: 'Bezirksamt Neukölln von Berlin',
    kind: 'municipal',
    programme: 'Integrationsfonds',
    contact: 'Integrationsbeauftragte des Bezirks',
    email: 'integrationsfonds@example.org',
    phone: '030 90239-2000',
    website: 'https://www.berlin.de/ba-neukoelln/politik-und-verwaltung/beauftragte/integration/',
    deadlines: 'jährlich bis 28.02.; Restmittel im Herbst',
    notes: 'Projekte im Bezirk, bis 10.000 €. Einfacher Verwendungsnachweis.',
  },
  {
    key: 'amif',
    name: 'Europäische Union – Asyl-, Migrations- und Integrationsfonds (AMIF)',
    kind: 'eu',
    programme: 'AMIF 2021–2027, Spezifisches Ziel 2: Integration',
    contact: 'BAMF, Referat EU-Fonds (zuständige Behörde)',
    email: 'amif@example.org',
    phone: '0911 943-6000',
    website: 'https://home-affairs.ec.europa.eu/funding/asylum-migration-and-integration-funds/asylum-migration-and-integration-fund-2021-2027_en',
    deadlines: 'nach Förderaufruf, meist einmal im Jahr',
    notes: 'EU-Anteil bis 75 %, Rest Kofinanzierung (Land, Eigenmittel). Stundenzettel für alle Projektkräfte.',
  },
  {
    key: 'spk',
    name: 'Stiftung Berliner Sparkasse',
    kind: 'company',
    programme: 'Soziales Engagement in Berlin',
    contact: 'Frau Wendt, Stiftungsbüro',
    email: 'stiftungsbuero@example.org',
    phone: '030 869 866-0',
    website: 'https://www.berliner-sparkasse.de/stiftung',
    deadlines: '15.04. und 15.10.',
    notes: 'Keine Personalkosten; Honorare und Sachkosten bis 20.000 €.',
  },
];

type Who = 'board' | 'treasurer' | null;
/** [category, label, weight] of a cost plan line. */
type Line = [GrantPlanCategory, string, number];

interface AppSpec {
  code: string;
  title: string;
  project: string;
  funder: string;
  who: Who;
  requested: number;
  approved?: number;
  own: number;
  other?: [string, number];
  /** first month of the project period, in months from the current one, and its length */
  startMonth: number;
  months: number;
  /** the moves after the first ('idea'), each with its day; a function of the period's first day */
  moves: (from: string) => [GrantStatus, string, string?][];
  lines: Line[];
  drawEvery?: number;
  /** months after the start when an interim report is due (two weeks later) */
  interim?: number[];
  /** months after the end when the Verwendungsnachweis is due */
  reportAfter?: number;
  conditions?: string;
  notes?: string;
  extra?: (from: string) => { kind: GrantDeadlineKind; title: string; due: string; done?: string }[];
  overdueDrawdown?: boolean;
  overdueInterim?: boolean;
}

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

/** '2026-08-31' plus n months, on the month's last day where it is shorter ('2026-11-30'). */
const addMonths = (iso: string, n: number) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const [year, month] = [Math.floor(total / 12), (total % 12) + 1];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** Expense texts of the lines paid by the piece, by category. */
const PIECES: Record<GrantPlanCategory, string[]> = {
  staff: [],
  rent: [],
  material: ['Büromaterial', 'Druck mehrsprachiger Flyer (Deutsch, Arabisch, Türkisch)', 'Fachliteratur Ausländerrecht', 'Laptop für die mobile Beratung', 'Porto und Telefon', 'Software-Lizenz Beratungsdokumentation'],
  travel: ['BVG-Monatskarte Beraterin', 'Fahrtkosten Begleitung zur Ausländerbehörde', 'Fahrt zur Fachtagung Migrationsberatung', 'Fahrtkosten Begleitung zum Verwaltungsgericht'],
  fees: ['Honorar Dolmetscherin Arabisch', 'Honorar Dolmetscher Türkisch', 'Supervision des Beratungsteams', 'Honorar Referentin Workshop', 'Fortbildung Aufenthaltsrecht (Teilnahmegebühr)'],
  other: ['Kinderbetreuung während der Beratung', 'Verpflegung Gruppentreffen', 'Bankgebühren Projektkonto'],
};

export async function seedGrants(trx: Executor, rng: Rng, clock: Clock) {
  const now = clock.now().getTime();
  const today = berlinToday(new Date(now));
  const d = (n: number) => addDays(today, n);
  const thisMonth = `${today.slice(0, 8)}01`;
  const month = (n: number) => addMonths(thisMonth, n);
  const setup = (await trx.selectFrom('audit_log').select('at').where('action', '=', 'setup.completed').executeTakeFirstOrThrow()).at.getTime();
  const userOf = async (email: string) => {
    const u = await trx.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', email).executeTakeFirstOrThrow();
    return { id: Number(u.id), label: `${u.name} <${u.email}>` };
  };
  const board = await userOf(DEMO_LOGINS.find((l) => l.role === 'board')!.email);
  const treasurer = await userOf(DEMO_LOGINS.find((l) => l.role === 'treasurer')!.email);
  const userFor = (who: Who) => (who === 'board' ? board : who === 'treasurer' ? treasurer : null);

  /**
   * When a row of that business day was written: office hours on the day itself, but never
   * before Kassenwart was set up (older history was entered afterwards) nor after now.
   */
  const recordedAt = (day: string, strictlyAfter = 0) => {
    const onTheDay = Date.parse(`${day}T00:00:00Z`) + rng.int(7, 16) * 60 * MINUTE + rng.int(0, 59) * MINUTE;
    let at = Math.max(onTheDay, setup + 2 * DAY + rng.int(0, 600) * MINUTE, strictlyAfter + MINUTE);
    return new Date(Math.min(at, now - 5 * MINUTE));
  };
  /** Saturdays and Sundays moved back to the Friday before. */
  const workday = (iso: string) => {
    const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
    return dow === 6 ? addDays(iso, -1) : dow === 0 ? addDays(iso, -2) : iso;
  };

  const APPS: AppSpec[] = [
    {
      code: 'AVB',
      title: 'Asylverfahrensberatung für Geduldete und Asylsuchende',
      project: 'Unabhängige Beratung vor und während des Asylverfahrens: Vorbereitung auf die Anhörung, Begleitung bei Bescheiden, Vermittlung an Anwältinnen und Anwälte.',
      funder: 'am',
      who: 'board',
      requested: 48_000,
      approved: 48_000,
      own: 6_000,
      startMonth: -26,
      months: 12,
      moves: (from) => [
        ['in_preparation', addDays(from, -140)],
        ['submitted', addDays(from, -110)],
        ['approved', addDays(from, -40), 'Bewilligungsbescheid vom Förderportal heruntergeladen'],
        ['running', from],
        ['reporting', addMonths(from, 12)],
        ['closed', addDays(addMonths(from, 12), 120), 'Verwendungsnachweis ohne Beanstandung geprüft'],
      ],
      lines: [
        ['staff', 'Beraterin Asylverfahren (0,5 Stelle, TV-L E9b)', 34],
        ['rent', 'Anteilige Miete Beratungsraum', 8],
        ['fees', 'Dolmetscherhonorare', 7],
        ['material', 'Sachkosten und Fachliteratur', 3],
        ['travel', 'Fahrtkosten Begleitungen', 2],
      ],
      drawEvery: 3,
      reportAfter: 3,
      conditions: 'ANBest-P gelten. Beschaffungen über 1.000 € nur mit drei Vergleichsangeboten. Öffentlichkeitsarbeit mit Logo der Aktion Mensch.',
    },
    {
      code: 'FC',
      title: 'Frauencafé – Begegnung und Beratung',
      project: 'Wöchentliches Café für geflüchtete Frauen mit offener Sozialberatung und Kinderbetreuung.',
      funder: 'bsb',
      who: 'treasurer',
      requested: 6_500,
      approved: 6_500,
      own: 800,
      startMonth: -18,
      months: 9,
      moves: (from) => [
        ['in_preparation', addDays(from, -100)],
        ['submitted', addDays(from, -75)],
        ['approved', addDays(from, -30)],
        ['running', from],
        ['reporting', addMonths(from, 9)],
        ['closed', addDays(addMonths(from, 9), 70), 'Kurzbericht von der Stiftung angenommen'],
      ],
      lines: [
        ['rent', 'Raummiete Nachbarschaftshaus', 3],
        ['fees', 'Honorar Kinderbetreuung', 3],
        ['material', 'Verpflegung und Material', 1.3],
      ],
      drawEvery: 9,
      reportAfter: 2,
    },
    {
      code: 'DP',
      title: 'Dolmetscherpool Arabisch/Türkisch',
      project: 'Ein Pool geschulter Sprachmittlerinnen und Sprachmittler für Beratungen, Behördentermine und Arztbesuche.',
      funder: 'pcl',
      who: 'treasurer',
      requested: 25_000,
      approved: 25_000,
      own: 2_500,
      startMonth: -13,
      months: 12,
      moves: (from) => [
        ['in_preparation', addDays(from, -120)],
        ['submitted', addDays(from, -90)],
        ['approved', addDays(from, -35)],
        ['running', from],
        ['reporting', addDays(addMonths(from, 12), 2)],
      ],
      lines: [
        ['fees', 'Honorare Sprachmittlung (Arabisch, Türkisch)', 17],
        ['fees', 'Schulung der Sprachmittler:innen', 4],
        ['travel', 'Fahrtkosten Sprachmittlung', 3],
        ['material', 'Koordination und Sachkosten', 3.5],
      ],
      drawEvery: 6,
      interim: [6],
      reportAfter: 3,
      conditions: 'Logo der Postcode Lotterie auf allen Materialien; Abschlussbericht mit Fotos.',
    },
    {
      code: 'MBE',
      title: 'Migrationsberatung für erwachsene Zugewanderte (MBE)',
      project: 'Individuelle Beratung zu Aufenthalt, Sprache, Arbeit und Familie für Zugewanderte über 27 Jahren; Schwerpunkt Menschen mit Duldung.',
      funder: 'bamf',
      who: 'board',
      requested: 176_400,
      approved: 176_400,
      own: 19_600,
      startMonth: -10,
      months: 24,
      moves: (from) => [
        ['in_preparation', addDays(from, -180)],
        ['submitted', addDays(from, -150)],
        ['approved', addDays(from, -35), 'Zuwendungsbescheid für zwei Jahre'],
        ['running', from],
      ],
      lines: [
        ['staff', 'Migrationsberater (1,0 Stelle, TV-L E10)', 150],
        ['rent', 'Miete und Nebenkosten Beratungsstelle (anteilig)', 21],
        ['material', 'Sachkosten und Verwaltung', 10],
        ['travel', 'Fahrt- und Fortbildungskosten', 5],
        ['fees', 'Sprachmittlung', 10],
      ],
      drawEvery: 3,
      interim: [12],
      reportAfter: 6,
      overdueDrawdown: true,
      conditions: 'Allgemeine Nebenbestimmungen (ANBest-P) und MBE-Förderrichtlinie. Dokumentation in der MBE-Datenbank; Mittelabruf nur für den Bedarf der nächsten sechs Wochen.',
    },
    {
      code: 'AD',
      title: 'Ausbildungsduldung begleiten',
      project: 'Begleitung von Geduldeten und Betrieben auf dem Weg zur Ausbildungsduldung (§ 60c AufenthG): Beratung, Antragstellung, Kontakt zur Ausländerbehörde.',
      funder: 'land',
      who: 'board',
      requested: 68_000,
      approved: 52_000,
      own: 5_200,
      startMonth: -7,
      months: 12,
      moves: (from) => [
        ['in_preparation', addDays(from, -130)],
        ['submitted', addDays(from, -100)],
        ['partly_approved', addDays(from, -25), 'Personalkosten um 0,25 Stellen gekürzt'],
        ['running', from],
      ],
      lines: [
        ['staff', 'Beraterin Ausbildung und Aufenthalt (0,75 Stelle)', 40],
        ['rent', 'Anteilige Miete', 6],
        ['travel', 'Fahrtkosten Betriebsbesuche', 2],
        ['material', 'Sachkosten', 2.2],
        ['fees', 'Dolmetscherhonorare', 7],
      ],
      drawEvery: 3,
      interim: [6],
      reportAfter: 4,
      overdueInterim: true,
      conditions: 'Teilbewilligung: Personalkosten nur für 0,75 statt 1,0 Stelle. Zwischenbericht nach sechs Monaten; Mittelabruf vierteljährlich.',
    },
    {
      code: 'RHF',
      title: 'Rechtshilfefonds für Geduldete',
      project: 'Übernahme von Anwalts- und Gerichtskosten in aussichtsreichen aufenthaltsrechtlichen Verfahren, wenn keine Prozesskostenhilfe gewährt wird.',
      funder: 'spk',
      who: 'treasurer',
      requested: 15_000,
      approved: 15_000,
      own: 1_500,
      startMonth: -3,
      months: 12,
      moves: (from) => [
        ['in_preparation', addDays(from, -95)],
        ['submitted', addDays(from, -80)],
        ['approved', addDays(from, -20)],
        ['running', from],
      ],
      lines: [
        ['fees', 'Anwaltshonorare nach RVG', 12],
        ['fees', 'Gerichtskosten', 3],
        ['material', 'Übersetzungen von Urkunden', 1.5],
      ],
      drawEvery: 6,
      reportAfter: 3,
      conditions: 'Vergabe durch ein Gremium aus zwei Vorstandsmitgliedern und einer Anwältin; Einzelfälle anonymisiert dokumentieren.',
    },
    {
      code: 'CAR',
      title: 'Mehrsprachige Infomaterialien zum Chancen-Aufenthaltsrecht',
      project: 'Broschüre und Kurzvideos auf Deutsch, Arabisch, Türkisch, Dari und Tigrinya zu § 104c und § 25b AufenthG.',
      funder: 'bezirk',
      who: 'treasurer',
      requested: 8_500,
      approved: 8_500,
      own: 850,
      startMonth: 1,
      months: 6,
      moves: () => [
        ['in_preparation', d(-100)],
        ['submitted', d(-70)],
        ['approved', d(-12), 'Zuwendungsvertrag liegt vor'],
      ],
      lines: [
        ['fees', 'Übersetzungen (4 Sprachen)', 4],
        ['fees', 'Videoproduktion', 3],
        ['material', 'Druck der Broschüre', 2.35],
      ],
      drawEvery: 6,
      reportAfter: 2,
      conditions: 'Abruf der Mittel erst nach Vorlage des unterschriebenen Zuwendungsvertrags. Belegexemplare an das Bezirksamt.',
      extra: () => [{ kind: 'other', title: 'Zuwendungsvertrag unterschrieben zurücksenden', due: d(6) }],
    },
    {
      code: 'BB',
      title: 'Beratungsbus für Gemeinschaftsunterkünfte',
      project: 'Mobile Sozial- und Verfahrensberatung in Gemeinschaftsunterkünften am Stadtrand, zweimal wöchentlich.',
      funder: 'am',
      who: 'board',
      requested: 48_000,
      approved: 31_500,
      own: 4_800,
      startMonth: 2,
      months: 12,
      moves: () => [
        ['in_preparation', d(-130)],
        ['submitted', d(-95)],
        ['partly_approved', d(-8), 'Fahrzeugkauf nicht förderfähig; Leasing wird gefördert'],
      ],
      lines: [
        ['staff', 'Berater:in mobile Beratung (0,5 Stelle)', 22],
        ['other', 'Fahrzeugleasing', 7],
        ['travel', 'Kraftstoff und Versicherung', 3],
        ['material', 'Ausstattung Beratungsplatz', 1.6],
        ['fees', 'Sprachmittlung', 2.7],
      ],
      drawEvery: 3,
      reportAfter: 3,
      conditions: 'Teilbewilligung: statt des Fahrzeugkaufs (16.500 €) wird nur Leasing gefördert. Überarbeiteten Kosten- und Finanzierungsplan binnen vier Wochen einreichen.',
      extra: () => [{ kind: 'other', title: 'Überarbeiteten Kosten- und Finanzierungsplan einreichen', due: d(17) }],
    },
    {
      code: 'CLA',
      title: 'Clearingstelle Aufenthaltsrecht',
      project: 'Fallbezogene Klärung aufenthaltsrechtlicher Perspektiven für Menschen mit Duldung, mit Netzwerk aus Beratungsstellen, Anwaltschaft und Behörden.',
      funder: 'amif',
      who: 'board',
      requested: 180_000,
      own: 20_000,
      other: ['Kofinanzierung Landesprogramm Integration (beantragt)', 40_000],
      startMonth: 4,
      months: 24,
      moves: () => [
        ['in_preparation', d(-180)],
        ['submitted', d(-75)],
      ],
      lines: [
        ['staff', 'Projektleitung Clearing (1,0 Stelle)', 150],
        ['staff', 'Verwaltungskraft (0,25 Stelle)', 30],
        ['rent', 'Miete Projektbüro', 24],
        ['material', 'Sachkosten, Öffentlichkeitsarbeit', 16],
        ['travel', 'Reisekosten Netzwerktreffen', 6],
        ['fees', 'Sprachmittlung und Übersetzungen', 14],
      ],
      notes: 'EU-Anteil 75 %; Kofinanzierungszusage des Landes steht noch aus.',
      extra: () => [{ kind: 'other', title: 'Nachforderung: Kofinanzierungszusage des Landes nachreichen', due: d(12) }],
    },
    {
      code: 'EMP',
      title: 'Empowerment-Workshops für geflüchtete Frauen',
      project: 'Workshopreihe zu Rechten, Gesundheit und Arbeit, mit Kinderbetreuung, in Arabisch, Farsi und Türkisch.',
      funder: 'pcl',
      who: 'treasurer',
      requested: 40_000,
      own: 4_000,
      startMonth: 3,
      months: 12,
      moves: () => [
        ['in_preparation', d(-75)],
        ['submitted', d(-30)],
      ],
      lines: [
        ['fees', 'Honorare Referentinnen', 20],
        ['fees', 'Kinderbetreuung', 8],
        ['rent', 'Raummiete', 7],
        ['material', 'Material und Verpflegung', 5],
        ['travel', 'Fahrtkosten Teilnehmerinnen', 4],
      ],
    },
    {
      code: 'EBB',
      title: 'Ehrenamtliche Begleitung zu Behördenterminen',
      project: 'Schulung und Koordination Ehrenamtlicher, die Ratsuchende zur Ausländerbehörde, zum Jobcenter und zum Sozialamt begleiten.',
      funder: 'bsb',
      who: null,
      requested: 5_000,
      own: 500,
      startMonth: 2,
      months: 10,
      moves: () => [
        ['in_preparation', d(-40)],
        ['submitted', d(-16)],
      ],
      lines: [
        ['fees', 'Schulungen für Ehrenamtliche', 2.5],
        ['travel', 'Fahrtkosten Ehrenamtliche', 2],
        ['material', 'Ehrenamtsausweise und Material', 1],
      ],
    },
    {
      code: 'DTV',
      title: 'Digitale Terminvergabe und Videoberatung',
      project: 'Online-Terminbuchung in fünf Sprachen und datenschutzkonforme Videoberatung für Ratsuchende außerhalb Berlins.',
      funder: 'spk',
      who: null,
      requested: 22_000,
      own: 2_200,
      startMonth: -3,
      months: 12,
      moves: () => [
        ['in_preparation', d(-260)],
        ['submitted', d(-220)],
        ['rejected', d(-130), 'Programm überzeichnet; erneuter Antrag im nächsten Jahr möglich'],
      ],
      lines: [
        ['fees', 'Einrichtung der Software', 9],
        ['material', 'Lizenzen und Hardware', 10],
        ['fees', 'Schulung des Teams', 5.2],
      ],
    },
    {
      code: 'SDJ',
      title: 'Sommerschule Deutsch für Jugendliche mit Duldung',
      project: 'Drei Wochen Deutschkurs mit Freizeitprogramm in den Sommerferien für Jugendliche ohne Schulplatz.',
      funder: 'bezirk',
      who: 'board',
      requested: 9_800,
      own: 1_000,
      startMonth: -5,
      months: 2,
      moves: () => [
        ['in_preparation', d(-300)],
        ['submitted', d(-262)],
        ['withdrawn', d(-200), 'Kooperationsschule abgesprungen; Kurs findet dieses Jahr nicht statt'],
      ],
      lines: [
        ['fees', 'Honorare Lehrkräfte', 7],
        ['rent', 'Raummiete', 1.5],
        ['material', 'Lehrmaterial und Ausflüge', 2.3],
      ],
    },
    {
      code: 'BRB',
      title: 'Bleiberechtsberatung: Chancen-Aufenthaltsrecht und § 25b AufenthG',
      project: 'Beratung langjährig Geduldeter zu den Wegen in ein Bleiberecht, mit Sprechstunden in drei Unterkünften.',
      funder: 'land',
      who: 'board',
      requested: 54_000,
      own: 5_400,
      startMonth: 5,
      months: 12,
      moves: () => [
        ['in_preparation', d(-70)],
        ['idea', d(-52), 'Zurückgestellt, bis die Auswertung des Landesprogramms vorliegt'],
        ['in_preparation', d(-21)],
      ],
      lines: [
        ['staff', 'Berater:in Bleiberecht (0,75 Stelle)', 42],
        ['rent', 'Anteilige Miete', 6],
        ['fees', 'Sprachmittlung', 8],
        ['travel', 'Fahrtkosten Sprechstunden', 2],
        ['material', 'Sachkosten', 1.4],
      ],
      extra: () => [{ kind: 'application', title: 'Antragsfrist Landesprogramm Integration', due: d(23) }],
    },
    {
      code: 'DP2',
      title: 'Dolmetscherpool – Fortsetzung mit Dari und Tigrinya',
      project: 'Fortführung des Dolmetscherpools und Erweiterung um Dari und Tigrinya.',
      funder: 'pcl',
      who: 'treasurer',
      requested: 32_000,
      own: 3_200,
      startMonth: 4,
      months: 12,
      moves: () => [['in_preparation', d(-33)]],
      lines: [
        ['fees', 'Honorare Sprachmittlung (4 Sprachen)', 24],
        ['fees', 'Schulung neuer Sprachmittler:innen', 4],
        ['travel', 'Fahrtkosten', 3.2],
        ['material', 'Koordination und Sachkosten', 4],
      ],
      extra: () => [{ kind: 'application', title: 'Antragsfenster Herbst: Antrag einreichen', due: d(48) }],
    },
    {
      code: 'FC2',
      title: 'Frauencafé – Fortsetzung mit Kinderbetreuung',
      project: 'Das Frauencafé wieder aufnehmen, diesmal mit fester Kinderbetreuung und einer Juristin einmal im Monat.',
      funder: 'bsb',
      who: null,
      requested: 7_500,
      own: 750,
      startMonth: 5,
      months: 10,
      moves: () => [],
      lines: [],
      extra: () => [{ kind: 'application', title: 'Antragsfrist Bürgerstiftung', due: d(75) }],
    },
  ];
  // how long before the first move each application began as an idea
  const IDEA_LEAD = 25;

  const funderRows = await trx
    .insertInto('funders')
    .values(
      FUNDERS.map((f) => {
        const at = recordedAt(addDays(today, -rng.int(300, 400)));
        return {
          name: f.name,
          kind: f.kind,
          programme: f.programme,
          contact_name: f.contact,
          contact_email: f.email,
          contact_phone: f.phone,
          website: f.website,
          typical_deadlines: f.deadlines,
          notes: f.notes,
          created_at: at,
          updated_at: at,
        };
      }),
    )
    .returning(['id', 'name'])
    .execute();
  const funderId = new Map(FUNDERS.map((f) => [f.key, Number(funderRows.find((r) => r.name === f.name)!.id)]));
  const funderOf = new Map(FUNDERS.map((f) => [f.key, f]));

  // Everything of each application, computed first and written in a few statements.
  type Built = {
    spec: AppSpec;
    status: GrantStatus;
    from: string;
    to: string;
    changes: { from_status: GrantStatus | null; to_status: GrantStatus; changed_on: string; changed_at: Date; changed_by: string; note: string | null }[];
    submittedOn: string | null;
    thisGrant: number;
    lineCents: number[];
  };
  const built: Built[] = APPS.map((spec) => {
    const from = month(spec.startMonth);
    const to = addDays(addMonths(from, spec.months), -1);
    // (a project starts and ends on its own days; letters and decisions come on workdays)
    const moves = spec.moves(from).map(([s, day, note]) => [s, s === 'running' || s === 'reporting' ? day : workday(day), note] as const);
    const firstDay = workday(addDays(moves[0]?.[1] ?? d(-9), moves.length ? -IDEA_LEAD : 0));
    const changedBy = (userFor(spec.who) ?? treasurer).label;
    const changes: Built['changes'] = [];
    let prev: GrantStatus | null = null;
    let prevDay = '';
    let prevAt = 0;
    for (const [status, day, note] of [['idea', firstDay, undefined] as const, ...moves]) {
      if (prev !== null && !canMove(prev, status)) throw new Error(`demo grants: ${spec.code} may not move ${prev} → ${status}`);
      if (day < prevDay || day >= today) throw new Error(`demo grants: ${spec.code} moves to ${status} on ${day}, out of order`);
      const changedAt = recordedAt(day, prevAt);
      prevAt = changedAt.getTime();
      changes.push({ from_status: prev, to_status: status, changed_on: day, changed_at: changedAt, changed_by: changedBy, note: note ?? null });
      prev = status;
      prevDay = day;
    }
    const status = prev!;
    const submittedOn = changes.find((c) => c.to_status === 'submitted')?.changed_on ?? null;
    const thisGrant = (spec.approved ?? spec.requested) * 100;
    // The cost plan, in whole euros, adds up to what finances it.
    const total = thisGrant + spec.own * 100 + (spec.other?.[1] ?? 0) * 100;
    const weights = spec.lines.reduce((s, l) => s + l[2], 0);
    const lineCents = spec.lines.map((l) => Math.round((total * l[2]) / weights / 100) * 100);
    if (lineCents.length) lineCents[lineCents.length - 1]! += total - lineCents.reduce((s, c) => s + c, 0);
    return { spec, status, from, to, changes, submittedOn, thisGrant, lineCents };
  });

  const appRows = await trx
    .insertInto('grant_applications')
    .values(
      built.map((b) => ({
        title: b.spec.title,
        project: b.spec.project,
        funder_id: funderId.get(b.spec.funder)!,
        responsible_user_id: userFor(b.spec.who)?.id ?? null,
        status: b.status,
        status_since: b.changes.at(-1)!.changed_on,
        submitted_on: b.submittedOn,
        requested_cents: b.spec.requested * 100,
        approved_cents: b.spec.approved !== undefined ? b.spec.approved * 100 : null,
        own_contribution_cents: b.spec.own * 100,
        period_from: b.from,
        period_to: b.to,
        conditions: b.spec.conditions ?? null,
        notes: b.spec.notes ?? null,
        created_at: b.changes[0]!.changed_at,
        updated_at: b.changes.at(-1)!.changed_at,
      })),
    )
    .returning(['id', 'title'])
    .execute();
  const appId = (b: Built) => Number(appRows.find((r) => r.title === b.spec.title)!.id);

  await trx
    .insertInto('grant_status_changes')
    .values(built.flatMap((b) => b.changes.map((c) => ({ ...c, application_id: appId(b) }))))
    .execute();

  // Plans from "in preparation" on: an idea has none yet.
  const planned = built.filter((b) => b.status !== 'idea');
  const lineRows = await trx
    .insertInto('grant_plan_lines')
    .values(planned.flatMap((b) => b.spec.lines.map(([category, label], i) => ({ application_id: appId(b), category, label, planned_cents: b.lineCents[i]!, position: i }))))
    .returning(['id', 'application_id', 'position'])
    .execute();
  const lineId = (b: Built, position: number) => Number(lineRows.find((r) => Number(r.application_id) === appId(b) && r.position === position)!.id);
  await trx
    .insertInto('grant_funding_sources')
    .values(
      planned.flatMap((b) => {
        const f = funderOf.get(b.spec.funder)!;
        const sources: [GrantFundingKind, string, number][] = [
          ['this_grant', `${f.name} – ${f.programme}`, b.thisGrant],
          ['own_means', 'Eigenmittel aus Spenden und Mitgliedsbeiträgen', b.spec.own * 100],
        ];
        if (b.spec.other) sources.push(['other_grant', b.spec.other[0], b.spec.other[1] * 100]);
        return sources.map(([kind, label, cents], i) => ({ application_id: appId(b), kind, label, planned_cents: cents, position: i }));
      }),
    )
    .execute();

  // Deadlines, payments and expenses.
  type DeadlineRow = { application_id: number; kind: GrantDeadlineKind; title: string; due_on: string; done_on: string | null; done_by: string | null; notes: string | null; created_at: Date };
  const deadlines: DeadlineRow[] = [];
  const payments: { application_id: number; received_on: string; amount_cents: number; reference: string; created_at: Date; created_by: string }[] = [];
  const expenses: { application_id: number; plan_line_id: number; spent_on: string; amount_cents: number; description: string; receipt_ref: string; created_at: Date; created_by: string }[] = [];
  const lastDone = (day: string) => (day >= today ? addDays(today, -1) : day);

  for (const b of built) {
    const id = appId(b);
    const who = userFor(b.spec.who) ?? treasurer;
    const createdAt = b.changes.at(-1)!.changed_at;
    const deadline = (kind: GrantDeadlineKind, title: string, due: string, done: string | null, notes: string | null = null) =>
      deadlines.push({ application_id: id, kind, title, due_on: due, done_on: done, done_by: done ? who.label : null, notes, created_at: createdAt });
    for (const x of b.spec.extra?.(b.from) ?? []) deadline(x.kind, x.title, x.due, x.done ?? null);
    // The application deadline, ticked off on the day it went out (a few days before it was due).
    if (b.submittedOn) deadline('application', `Antragsfrist ${funderOf.get(b.spec.funder)!.programme}`, addDays(b.submittedOn, rng.int(2, 9)), b.submittedOn);

    const approvedOn = b.changes.find((c) => c.to_status === 'approved' || c.to_status === 'partly_approved')?.changed_on;
    if (!approvedOn) continue;
    const closedOn = b.changes.find((c) => c.to_status === 'closed')?.changed_on ?? null;
    const every = b.spec.drawEvery ?? b.spec.months;
    const draws: string[] = [];
    for (let k = 0; addMonths(b.from, k * every) <= b.to; k++) draws.push(addMonths(b.from, k * every));
    const started = b.status === 'running' || b.status === 'reporting' || b.status === 'closed';
    // 90 % in draw-downs through the period, the last 10 % once the Verwendungsnachweis is accepted
    const share = Math.floor((b.thisGrant * 0.9) / draws.length / 100) * 100;
    const openPast = draws.filter((due) => due < today);
    draws.forEach((due, k) => {
      const overdue = b.spec.overdueDrawdown && due === openPast.at(-1);
      const done = started && due < today && !overdue ? lastDone(addDays(due, -rng.int(1, 6))) : null;
      deadline('drawdown', `Mittelabruf ${k + 1}/${draws.length}`, due, done, overdue ? 'Abruf vorbereitet, Unterschrift des Vorstands fehlt noch' : null);
      if (!done) return;
      const receivedOn = workday(addDays(done, rng.int(7, 16)));
      if (receivedOn >= today) return; // asked for, not yet arrived
      const amount = k === draws.length - 1 ? b.thisGrant * 0.9 - share * (draws.length - 1) : share;
      payments.push({ application_id: id, received_on: receivedOn, amount_cents: Math.round(amount), reference: `Mittelabruf ${k + 1}/${draws.length} – ${b.spec.code}`, created_at: recordedAt(addDays(receivedOn, rng.int(0, 3))), created_by: treasurer.label });
    });
    for (const months of b.spec.interim ?? []) {
      const due = addDays(addMonths(b.from, months), 14);
      const done = due < today && !b.spec.overdueInterim ? lastDone(addDays(due, -rng.int(2, 10))) : null;
      deadline('interim_report', `Zwischenbericht nach ${months} Monaten`, due, done);
    }
    const finalDue = addDays(addMonths(b.to, b.spec.reportAfter ?? 3), 0);
    const finalDone = closedOn ? addDays(closedOn, -rng.int(25, 40)) : null;
    deadline('final_report', 'Verwendungsnachweis', finalDue < (finalDone ?? '') ? finalDone! : finalDue, finalDone);
    if (closedOn) {
      const paidOn = workday(addDays(closedOn, -rng.int(2, 6)));
      payments.push({ application_id: id, received_on: paidOn, amount_cents: b.thisGrant - Math.round(b.thisGrant * 0.9), reference: `Schlusszahlung – ${b.spec.code}`, created_at: recordedAt(paidOn), created_by: treasurer.label });
      deadline('retention_end', 'Ende der Aufbewahrungsfrist der Belege (10 Jahre)', `${Number(b.to.slice(0, 4)) + 10}-12-31`, null, 'Belege, Bescheid und Verwendungsnachweis bis dahin aufbewahren');
    }

    if (!started) continue;
    // Spent so far: the whole period once it is over, else up to yesterday.
    const end = b.to < today ? b.to : addDays(today, -1);
    const elapsed = Math.min(1, (daysBetween(b.from, end) + 1) / (daysBetween(b.from, b.to) + 1));
    const mine: (typeof expenses)[number][] = [];
    b.spec.lines.forEach(([category, label], position) => {
      const planned = b.lineCents[position]!;
      const plId = lineId(b, position);
      if (category === 'staff' || category === 'rent') {
        // monthly: salaries at the end of the month, rent on the third
        const monthly = Math.round(planned / b.spec.months);
        for (let k = 0; k < b.spec.months; k++) {
          const first = addMonths(b.from, k);
          const day = category === 'rent' ? addDays(first, 2) : addDays(addMonths(first, 1), -3);
          if (day > end) break;
          const [y, m] = first.split('-').map(Number) as [number, number];
          mine.push({
            application_id: id,
            plan_line_id: plId,
            spent_on: day,
            amount_cents: k === b.spec.months - 1 ? planned - monthly * (b.spec.months - 1) : monthly,
            description: `${category === 'rent' ? 'Miete' : 'Gehalt'} ${MONTHS[m - 1]} ${y} – ${label}`,
            receipt_ref: '',
            created_at: new Date(0),
            created_by: treasurer.label,
          });
        }
        return;
      }
      const fraction = b.status === 'running' ? elapsed * (0.7 + rng.next() * 0.3) : 0.92 + rng.next() * 0.08;
      const target = Math.round(planned * fraction);
      const pieces = Math.max(1, Math.min(8, Math.round(rng.int(2, 7) * Math.max(elapsed, 0.3))));
      const weights = Array.from({ length: pieces }, () => 0.5 + rng.next());
      const sum = weights.reduce((s, w) => s + w, 0);
      let left = target;
      weights.forEach((w, i) => {
        const amount = i === pieces - 1 ? left : Math.round((target * w) / sum);
        left -= amount;
        if (amount <= 0) return;
        const pool = PIECES[category];
        mine.push({
          application_id: id,
          plan_line_id: plId,
          spent_on: addDays(b.from, rng.int(0, daysBetween(b.from, end))),
          amount_cents: amount,
          description: pool.length ? rng.pick(pool) : label,
          receipt_ref: '',
          created_at: new Date(0),
          created_by: treasurer.label,
        });
      });
    });
    // Belegnummern in the order of the receipts, per project and year
    mine.sort((a, b2) => a.spent_on.localeCompare(b2.spent_on) || a.plan_line_id - b2.plan_line_id);
    const seq = new Map<string, number>();
    for (const e of mine) {
      const year = e.spent_on.slice(0, 4);
      const n = (seq.get(year) ?? 0) + 1;
      seq.set(year, n);
      e.receipt_ref = `${b.spec.code}-${year}-${String(n).padStart(3, '0')}`;
      e.created_at = recordedAt(addDays(e.spent_on, rng.int(0, 4)));
    }
    expenses.push(...mine);
  }

  // Links only: the funder's guidelines for every application, the notice for the approved ones.
  const documents = built.flatMap((b) => {
    const f = funderOf.get(b.spec.funder)!;
    const at = b.changes[0]!.changed_at;
    const who = (userFor(b.spec.who) ?? treasurer).label;
    const docs = [{ application_id: appId(b), title: `Förderrichtlinien – ${f.programme}`, url: f.website, created_at: at, created_by: who }];
    if (b.submittedOn) docs.push({ application_id: appId(b), title: 'Eingereichter Antrag (PDF im Vereinsordner)', url: `https://cloud.example.org/laissez-passer/foerderung/${b.spec.code.toLowerCase()}/antrag.pdf`, created_at: b.changes.find((c) => c.to_status === 'submitted')!.changed_at, created_by: who });
    if (b.spec.approved !== undefined) docs.push({ application_id: appId(b), title: 'Bewilligungsbescheid (Scan im Vereinsordner)', url: `https://cloud.example.org/laissez-passer/foerderung/${b.spec.code.toLowerCase()}/bescheid.pdf`, created_at: b.changes.find((c) => c.to_status === 'approved' || c.to_status === 'partly_approved')!.changed_at, created_by: who });
    return docs;
  });

  await trx.insertInto('grant_deadlines').values(deadlines).execute();
  if (payments.length) await trx.insertInto('grant_payments').values(payments).execute();
  for (let i = 0; i < expenses.length; i += 500) await trx.insertInto('grant_expenses').values(expenses.slice(i, i + 500)).execute();
  await trx.insertInto('grant_documents').values(documents).execute();

  return { grantApplications: built.length, grantFunders: FUNDERS.length, grantDeadlines: deadlines.length, grantExpenses: expenses.length };
}
