import type { AppContext } from '../api/http/context';
import { AppError, type FieldError } from '../api/http/errors';

/**
 * Form fields named like the schema's paths ("association.iban", "purposes.0.genitive") become
 * the nested object the zod schema expects, so a field error's path is the input's name.
 */
export function nestForm(body: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === '_csrf' || typeof raw !== 'string') continue;
    const parts = key.split('.');
    let node: any = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]!);
      if (last) node[part] = raw;
      else node = node[part] ??= nextIsIndex ? [] : {};
    });
  }
  return root;
}

export async function readForm(c: AppContext): Promise<Record<string, unknown>> {
  return nestForm((await c.req.parseBody()) as Record<string, unknown>);
}

/** Runs a form action; validation and business errors come back to re-render the form. */
export async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError && ['validation', 'conflict', 'not_found', 'rate_limited', 'unauthenticated', 'forbidden'].includes(error.code)) {
      return { ok: false, error };
    }
    throw error;
  }
}

export function fieldErrorsOf(error: AppError | undefined): FieldError[] {
  return error?.fieldErrors ?? [];
}
