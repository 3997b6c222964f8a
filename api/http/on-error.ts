import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { renderErrorPage } from '../../web/error-page';
import type { AppEnv } from './context';
import { wantsHtml } from './context';
import { AppError, ERROR_STATUS, msg, problemBody, type ErrorCode } from './errors';

const BY_STATUS = Object.fromEntries(Object.entries(ERROR_STATUS).map(([code, status]) => [status, code])) as Record<number, ErrorCode>;

/** Every failure leaves as problem+json (API) or an error page (browser); a 500 never shows a stack. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  let error: AppError;
  const requestId = c.get('requestId');
  if (err instanceof AppError) {
    error = err;
  } else if (err instanceof HTTPException && err.status < 500) {
    const code = BY_STATUS[err.status] ?? 'bad_request';
    const detail =
      err.status === 400 && /json/i.test(err.message)
        ? msg('Der Inhalt ist kein gültiges JSON.', 'The body is not valid JSON.')
        : undefined;
    error = new AppError(code, detail);
  } else {
    c.get('deps')?.logger.error(
      { requestId, method: c.req.method, path: c.req.path, error: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined },
      'unhandled error',
    );
    error = new AppError(
      'internal',
      msg(
        `Ein unerwarteter Fehler ist aufgetreten. Kennung für Rückfragen: ${requestId}`,
        `An unexpected error occurred. Reference: ${requestId}`,
        `حدث خطأ غير متوقع. رقم المرجع للاستفسار: ${requestId}`,
        `Beklenmeyen bir hata oluştu. Sorularınız için referans: ${requestId}`,
      ),
    );
  }
  return respondWithError(c, error);
};

export const notFound: NotFoundHandler<AppEnv> = (c) => respondWithError(c, new AppError('not_found'));

function respondWithError(c: Parameters<ErrorHandler<AppEnv>>[1], error: AppError) {
  const lang = c.get('lang') ?? 'de';
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  const status = error.status as ContentfulStatusCode;
  if (wantsHtml(c) && (c.req.header('accept') ?? 'text/html').includes('text/html')) {
    return c.html(renderErrorPage(c, error), status);
  }
  c.header('content-type', 'application/problem+json; charset=utf-8');
  return c.body(JSON.stringify(problemBody(error, lang, c.get('requestId'))), status);
}
