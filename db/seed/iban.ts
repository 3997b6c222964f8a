/** A German IBAN with computed check digits (ISO 13616 MOD 97-10): DE kk BLZ(8) account(10). */
export function germanIban(bankCode: string, account: number): string {
  const bban = bankCode + String(account).padStart(10, '0');
  // D = 13, E = 14, then "00" as check digits
  const check = 98 - Number(BigInt(`${bban}131400`) % 97n);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}
