import type { AppContext } from '../../api/http/context';
import type { GrantApplication } from '../../db/schema';

/** On the application page: its deadlines with their state, and the forms to add and tick them off (grants deadlines). */
export async function DeadlinesSection(_props: { c: AppContext; application: GrantApplication }) {
  return null;
}
