import type { Hono } from 'hono';

type Body = { form?: Record<string, string>; json?: unknown; headers?: Record<string, string>; csrf?: boolean };

/**
 * A cookie-keeping client over app.request, as a browser would be: it stores Set-Cookie, sends
 * cookies back, and echoes the CSRF cookie in forms (_csrf) and JSON calls (X-CSRF-Token)
 * unless told not to.
 */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: Pick<Hono<any>, 'request'>) {}

  get csrfToken() {
    return this.cookies.get('kw_csrf');
  }

  async request(method: string, path: string, body: Body = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(body.headers ?? {}) };
    const unsafe = !['GET', 'HEAD'].includes(method);
    if (unsafe && body.csrf !== false && !this.csrfToken) await this.get('/health');
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined;
    if (body.form) {
      const form = { ...body.form };
      if (unsafe && body.csrf !== false && this.csrfToken && !('_csrf' in form)) form._csrf = this.csrfToken;
      payload = new URLSearchParams(form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (body.json !== undefined) {
      payload = typeof body.json === 'string' ? body.json : JSON.stringify(body.json);
      headers['content-type'] ??= 'application/json';
    }
    if (unsafe && body.csrf !== false && this.csrfToken && !body.form) headers['x-csrf-token'] ??= this.csrfToken;
    const res = await this.app.request(path, { method, headers, body: payload, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attrs] = cookie.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return res;
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }
  post(path: string, form: Record<string, string> = {}, options: Omit<Body, 'form' | 'json'> = {}) {
    return this.request('POST', path, { ...options, form });
  }
  json(method: string, path: string, json?: unknown, options: Omit<Body, 'form' | 'json'> = {}) {
    return this.request(method, path, { ...options, json: json ?? {} });
  }
}

/** POST JSON and return the parsed answer, failing loudly on anything but success (test setup). */
export async function postOk(client: Client, path: string, body: unknown) {
  const res = await client.json('POST', path, body);
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
