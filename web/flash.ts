import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext, AppEnv } from '../api/http/context';
import type { Msg } from '../api/http/errors';

const FLASH_COOKIE = 'kw_flash';
export interface Flash {
  kind: 'success' | 'error' | 'info';
  message: Msg;
}

/** A message for the next page after a redirect (post/redirect/get), kept in a short cookie. */
export function setFlash(c: AppContext, kind: Flash['kind'], message: Msg) {
  setCookie(c, FLASH_COOKIE, encodeURIComponent(JSON.stringify({ kind, message })), { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

declare module 'hono' {
  interface ContextVariableMap {
    flash: Flash | null;
  }
}

export const flash: MiddlewareHandler<AppEnv> = async (c, next) => {
  let value: Flash | null = null;
  const raw = getCookie(c, FLASH_COOKIE);
  if (raw && c.req.method === 'GET') {
    try {
      const parsed = JSON.parse(decodeURIComponent(raw)) as Flash;
      if (parsed && typeof parsed.message?.de === 'string' && typeof parsed.message?.en === 'string') value = parsed;
    } catch {
      value = null;
    }
    deleteCookie(c, FLASH_COOKIE, { path: '/' });
  }
  c.set('flash', value);
  await next();
};
