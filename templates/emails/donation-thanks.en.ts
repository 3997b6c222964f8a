import { mail } from './layout';
import { proofParagraphs, type DonationThanksVars } from './donation-thanks.proof';

export default (v: DonationThanksVars) =>
  mail(
    v.monthly ? `Thank you for your monthly donation – ${v.association}` : `Thank you for your donation – ${v.association}`,
    [
      v.name ? `Hello ${v.name},` : 'Hello,',
      v.monthly
        ? `thank you very much for your monthly donation of ${v.amount}! The first payment reached us on ${v.date}.`
        : `thank you very much for your donation of ${v.amount} on ${v.date}!`,
      v.purpose ? `Your donation goes to “${v.purpose}”.` : 'We will use your donation where it is needed most.',
      ...(v.monthly ? ['So that your inbox does not get a mail every month, we thank you just this once – for every month.'] : []),
      ...(v.tax === 'receipt'
        ? [v.monthly ? 'You will receive a donation receipt for the tax office (Zuwendungsbestätigung) covering all monthly donations of a year.' : 'You will receive a donation receipt for the tax office (Zuwendungsbestätigung) separately.']
        : v.tax === 'ask'
          ? ['If you need a donation receipt for the tax office (Zuwendungsbestätigung), simply reply to this e-mail with your name and postal address.']
          : []),
      ...(v.portalLink ? ['You can see your donations – and change, pause or end a monthly donation – in the donor area:', v.portalLink] : []),
      ...(v.proof ? ['Below is our simplified proof of your donation for the German tax office. It is in German, as the tax office expects.', ...proofParagraphs(v.proof)] : []),
    ],
    v.association,
  );
