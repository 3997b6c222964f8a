import { mail } from './layout';
import type { SepaReturnVars } from './index';

export default (v: SepaReturnVars) =>
  mail(
    `Your direct debit was returned – ${v.association}`,
    [
      `Hello ${v.name},`,
      `your bank returned the direct debit of ${v.amount} (${v.label}) of ${v.dueDate}. Reason: ${v.reason}.`,
      ...(v.fee ? [`The bank charged us ${v.fee} for it; we pass this amount on to you.`] : []),
      v.mandateStopped
        ? 'We will not collect on the previous mandate any more. Please transfer the open amount or give us new bank details.'
        : 'Please transfer the open amount or make sure your account is covered; we will tell you before a new collection.',
      `Bank details: ${v.association}, IBAN ${v.iban}, reference: ${v.reference}`,
    ],
    `${v.association}`,
  );
