import type { z } from 'zod';
import { validationError, zodFieldErrors } from './errors';

/** Parses with a zod schema or throws a 422 AppError with German/English field errors. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(zodFieldErrors(result.error, input));
  return result.data;
}
