import { mail } from './layout';
import { proofParagraphs, type DonationThanksVars } from './donation-thanks.proof';

export default (v: DonationThanksVars) =>
  mail(
    v.monthly ? `Danke für Ihre monatliche Spende – ${v.association}` : `Danke für Ihre Spende – ${v.association}`,
    [
      v.name ? `Hallo ${v.name},` : 'Hallo,',
      v.monthly
        ? `herzlichen Dank für Ihre monatliche Spende von ${v.amount}! Die erste Zahlung ist am ${v.date} bei uns eingegangen.`
        : `herzlichen Dank für Ihre Spende von ${v.amount} vom ${v.date}!`,
      v.purpose ? `Ihre Spende kommt dem Zweck „${v.purpose}“ zugute.` : 'Wir setzen Ihre Spende dort ein, wo sie am dringendsten gebraucht wird.',
      ...(v.monthly ? ['Damit Ihr Postfach nicht jeden Monat eine Mail bekommt, danken wir Ihnen nur dieses eine Mal – für jeden Monat.'] : []),
      ...(v.tax === 'receipt'
        ? [v.monthly ? 'Eine Zuwendungsbestätigung für das Finanzamt erhalten Sie von uns für alle Monatsspenden eines Jahres gesammelt.' : 'Eine Zuwendungsbestätigung für das Finanzamt erhalten Sie gesondert von uns.']
        : v.tax === 'ask'
          ? ['Wenn Sie eine Zuwendungsbestätigung für das Finanzamt brauchen, antworten Sie einfach auf diese E-Mail mit Ihrem Namen und Ihrer Anschrift.']
          : []),
      ...(v.portalLink ? ['Ihre Spenden sehen Sie – und eine monatliche Spende ändern, pausieren oder beenden Sie – im Spenderbereich:', v.portalLink] : []),
      ...(v.proof ? proofParagraphs(v.proof) : []),
    ],
    v.association,
  );
