import type { FeeInterval } from '../../db/schema';

/** "per year" etc. in the four member languages, for mails that name a fee. */
export const PER_INTERVAL: Record<'de' | 'en' | 'ar' | 'tr', Record<FeeInterval, string>> = {
  de: { monthly: 'monatlich', quarterly: 'vierteljährlich', half_yearly: 'halbjährlich', yearly: 'jährlich' },
  en: { monthly: 'per month', quarterly: 'per quarter', half_yearly: 'per half-year', yearly: 'per year' },
  ar: { monthly: 'شهريًا', quarterly: 'كل ثلاثة أشهر', half_yearly: 'كل نصف سنة', yearly: 'سنويًا' },
  tr: { monthly: 'aylık', quarterly: 'üç aylık', half_yearly: 'altı aylık', yearly: 'yıllık' },
};
