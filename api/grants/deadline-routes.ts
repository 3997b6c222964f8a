import type { ApiRouter } from '../http/openapi';

/** Deadlines of applications in the JSON API (grants deadlines). */
export function registerGrantDeadlineRoutes(_api: ApiRouter) {}
