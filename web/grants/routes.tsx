import { Hono } from 'hono';
import type { AppEnv } from '../../api/http/context';

/** The pipeline board, applications, funders and documents (grants core). */
export function webGrantRoutes() {
  return new Hono<AppEnv>();
}
