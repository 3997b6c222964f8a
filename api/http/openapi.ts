import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { validationError, zodFieldErrors } from './errors';

/** A router for /api/v1 whose request validation answers 422 problem+json with field errors. */
export function apiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw validationError(zodFieldErrors(result.error, (result as { data?: unknown }).data));
      }
    },
  });
}
export type ApiRouter = ReturnType<typeof apiRouter>;

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** The error answers every route may give, for the OpenAPI document. */
export const errorResponses = {
  401: problem('Nicht angemeldet / not authenticated'),
  403: problem('Keine Berechtigung oder CSRF / forbidden or CSRF'),
  422: problem('Ungültige Eingaben, mit Feldfehlern / invalid input, with field errors'),
} as const;

export const notFoundResponse = { 404: problem('Nicht gefunden / not found') } as const;
export const conflictResponse = { 409: problem('Konflikt / conflict') } as const;

export const idParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonOk = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
