import { mail } from './layout';
import type { ApplicationReceivedVars } from './index';
import { PER_INTERVAL } from './words';

export default (v: ApplicationReceivedVars) =>
  mail(
    `Your membership application to ${v.association}`,
    [
      `Hello ${v.name},`,
      `thank you for applying for membership (“${v.typeName}”, ${v.fee} ${PER_INTERVAL.en[v.interval]}). We have received your application; the board usually decides within a few weeks, and we will let you know.`,
      v.byDebit
        ? 'You gave us a SEPA direct debit mandate. It takes effect only when we accept you; we will then tell you the mandate reference and the day of the first debit.'
        : 'You chose to pay by bank transfer. Once you are accepted we will send you the payment request with our bank details.',
      'If you did not apply, please reply to this e-mail and we will delete the application.',
    ],
    v.association,
  );
