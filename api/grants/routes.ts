import type { ApiRouter } from '../http/openapi';

/** Funders and applications in the JSON API (grants core). */
export function registerGrantRoutes(_api: ApiRouter) {}
