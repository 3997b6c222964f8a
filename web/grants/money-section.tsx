import type { AppContext } from '../../api/http/context';
import type { GrantApplication } from '../../db/schema';

/** On the application page: approved, received, still to draw down, and the link to the finances (grants money). */
export async function MoneySection(_props: { c: AppContext; application: GrantApplication }) {
  return null;
}
