import { Hono } from 'hono';
import type { AppEnv } from '../../api/http/context';

/** An application's plan, financing, payments, expenses and Verwendungsnachweis (grants money). */
export function webGrantFinanceRoutes() {
  return new Hono<AppEnv>();
}
