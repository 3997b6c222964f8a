import type { ApiRouter } from '../http/openapi';

/** An application's plan, financing, payments and expenses in the JSON API (grants money). */
export function registerGrantMoneyRoutes(_api: ApiRouter) {}
