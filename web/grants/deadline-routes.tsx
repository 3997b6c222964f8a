import { Hono } from 'hono';
import type { AppEnv } from '../../api/http/context';

/** Deadlines, the calendar of the next 90 days, and each user's iCal feed (grants deadlines). */
export function webGrantDeadlineRoutes() {
  return new Hono<AppEnv>();
}
