import { z } from 'zod';

/**
 * A text in both staff languages; texts a member or donor may read (public pages, portals)
 * also carry Arabic and Turkish. German is the default everywhere.
 */
export interface Msg {
  de: string;
  en: string;
  ar?: string;
  tr?: string;
}
export type Lang = 'de' | 'en';
/** The languages of members and donors (DESIGN.md: public pages, portals, their mails). */
export type VisitorLang = 'de' | 'en' | 'ar' | 'tr';
export const VISITOR_LANGS: readonly VisitorLang[] = ['de', 'en', 'ar', 'tr'];
export const msg = (de: string, en: string, ar?: string, tr?: string): Msg => (ar === undefined ? { de, en } : { de, en, ar, tr });

export interface FieldError {
  field: string;
  message: Msg;
}

/** The closed set of failures the app can answer with (DESIGN.md, Errors). */
export const ERROR_STATUS = {
  validation: 422,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, Msg> = {
  validation: msg('Die Eingaben sind nicht gültig', 'The input is not valid', 'المدخلات غير صالحة', 'Girdiler geçerli değil'),
  bad_request: msg('Die Anfrage ist fehlerhaft', 'The request is malformed', 'الطلب غير سليم', 'İstek hatalı'),
  unauthenticated: msg('Anmeldung erforderlich', 'Login required', 'يلزم تسجيل الدخول', 'Giriş gerekli'),
  forbidden: msg('Keine Berechtigung', 'Not allowed', 'غير مسموح', 'İzin yok'),
  csrf: msg(
    'Die Anfrage kam nicht von einem Formular dieser Anwendung',
    'The request did not come from a form of this application',
    'لم يأتِ الطلب من نموذج في هذا التطبيق',
    'İstek bu uygulamanın bir formundan gelmedi',
  ),
  not_found: msg('Nicht gefunden', 'Not found', 'غير موجود', 'Bulunamadı'),
  conflict: msg('Konflikt mit dem aktuellen Stand', 'Conflict with the current state', 'تعارض مع الحالة الحالية', 'Güncel durumla çakışma'),
  payload_too_large: msg('Die Anfrage ist zu groß', 'The request is too large', 'الطلب كبير جداً', 'İstek çok büyük'),
  unsupported_media_type: msg('Nicht unterstütztes Format', 'Unsupported media type', 'تنسيق غير مدعوم', 'Desteklenmeyen biçim'),
  rate_limited: msg(
    'Zu viele Versuche – bitte später erneut versuchen',
    'Too many attempts – please try again later',
    'محاولات كثيرة جداً – يرجى المحاولة لاحقاً',
    'Çok fazla deneme – lütfen daha sonra tekrar deneyin',
  ),
  internal: msg('Interner Fehler', 'Internal error', 'خطأ داخلي', 'İç hata'),
  unavailable: msg('Vorübergehend nicht verfügbar', 'Temporarily unavailable', 'غير متاح مؤقتاً', 'Geçici olarak kullanılamıyor'),
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Msg,
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail?.en ?? TITLES[code].en);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export function validationError(fieldErrors: FieldError[], detail?: Msg): AppError {
  return new AppError('validation', detail, fieldErrors);
}

/** RFC 9457 problem document. */
export function problemBody(error: AppError, lang: Lang, requestId?: string) {
  return {
    type: `https://kassenwart.invalid/problems/${error.code}`,
    title: TITLES[error.code][lang],
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail[lang] } : {}),
    ...(error.fieldErrors.length
      ? { errors: error.fieldErrors.map((e) => ({ field: e.field, message: e.message[lang] })) }
      : {}),
    ...(requestId ? { requestId } : {}),
  };
}

export function errorTitle(code: ErrorCode): Msg {
  return TITLES[code];
}

/**
 * Zod issues -> field errors in German and English (and Arabic and Turkish where a public form
 * needs them). Custom checks carry their message as "deutsch | english[ | arabic | turkish]"
 * (see `bilingual`); the built-in codes get our own wording, because zod's messages name
 * internal types ("erwartet string").
 */
export function bilingual(m: Msg): string {
  return [m.de, m.en, ...(m.ar !== undefined ? [m.ar, m.tr ?? m.en] : [])].join(' | ');
}

export function zodFieldErrors(error: z.ZodError, input?: unknown): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const field = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...issue.path, key].join('.'),
        message: msg('Unbekanntes Feld – bitte entfernen', 'Unknown field – please remove it'),
      }));
    }
    return [{ field, message: describeIssue(issue, valueAt(input, issue.path)) }];
  });
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, received: unknown): Msg {
  if (issue.message.includes(' | ')) {
    const [de, en, ar, tr] = issue.message.split(' | ');
    return msg(de!, en!, ar, tr);
  }
  const missing = received === undefined || received === null || received === '';
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return REQUIRED;
      return msg(`Muss ${typeName(issue.expected).de} sein`, `Must be ${typeName(issue.expected).en}`);
    case 'too_small':
      if (missing) return REQUIRED;
      if (issue.origin === 'string')
        return msg(`Mindestens ${issue.minimum} Zeichen`, `At least ${issue.minimum} characters`, `${issue.minimum} أحرف على الأقل`, `En az ${issue.minimum} karakter`);
      if (issue.origin === 'array') return msg(`Mindestens ${issue.minimum} Einträge`, `At least ${issue.minimum} entries`);
      return msg(`Muss mindestens ${issue.minimum} sein`, `Must be at least ${issue.minimum}`);
    case 'too_big':
      if (issue.origin === 'string') return msg(`Höchstens ${issue.maximum} Zeichen`, `At most ${issue.maximum} characters`, `${issue.maximum} حرفًا كحد أقصى`, `En fazla ${issue.maximum} karakter`);
      if (issue.origin === 'array') return msg(`Höchstens ${issue.maximum} Einträge`, `At most ${issue.maximum} entries`);
      return msg(`Darf höchstens ${issue.maximum} sein`, `Must be at most ${issue.maximum}`);
    case 'invalid_format':
      if (issue.format === 'email') return msg('Keine gültige E-Mail-Adresse', 'Not a valid e-mail address', 'عنوان بريد إلكتروني غير صالح', 'Geçerli bir e-posta adresi değil');
      return msg('Ungültiges Format', 'Invalid format', 'صيغة غير صالحة', 'Geçersiz biçim');
    case 'invalid_value':
      return msg(
        `Muss einer dieser Werte sein: ${issue.values.map(String).join(', ')}`,
        `Must be one of: ${issue.values.map(String).join(', ')}`,
      );
    default:
      return msg(
        z.locales.de().localeError(issue as never) as string ?? 'Ungültiger Wert',
        issue.message || 'Invalid value',
      );
  }
}

const REQUIRED = msg('Pflichtfeld – bitte ausfüllen', 'Required – please fill in', 'حقل إلزامي – يرجى تعبئته', 'Zorunlu alan – lütfen doldurun');

function typeName(expected: string): Msg {
  switch (expected) {
    case 'number':
    case 'int':
      return msg('eine Zahl', 'a number');
    case 'string':
      return msg('ein Text', 'a text');
    case 'boolean':
      return msg('ja oder nein (true/false)', 'true or false');
    case 'array':
      return msg('eine Liste', 'a list');
    case 'object':
      return msg('ein Objekt', 'an object');
    default:
      return msg(expected, expected);
  }
}
