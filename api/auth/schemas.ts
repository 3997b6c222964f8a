import { z } from '@hono/zod-openapi';
import { ROLES } from '../../db/schema';
import { bilingual, msg } from '../http/errors';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: bilingual(msg('Keine gültige E-Mail-Adresse', 'Not a valid e-mail address')) }));

export const newPasswordSchema = z
  .string()
  .min(10, { error: bilingual(msg('Mindestens 10 Zeichen', 'At least 10 characters')) })
  .max(200, { error: bilingual(msg('Höchstens 200 Zeichen', 'At most 200 characters')) });

export const roleSchema = z.enum(ROLES as [string, ...string[]]).openapi({ example: 'treasurer' }) as unknown as z.ZodType<
  (typeof ROLES)[number]
>;
export const languageSchema = z.enum(['de', 'en']);

export const nameSchema = z.string().trim().min(1).max(200);

export const inviteUserSchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  language: languageSchema.default('de'),
});

export const updateUserSchema = z.strictObject({
  name: nameSchema.optional(),
  role: roleSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  language: languageSchema.optional(),
});

export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
});
