import { Hono } from 'hono';
import { inTransaction, type Executor } from '../../api/deps';
import { addGrantDocument, type DocumentInput } from '../../api/grants/add-grant-document';
import { applicationDetail } from '../../api/grants/application-detail';
import { APPLICATION_NOT_FOUND, type GrantWarning } from '../../api/grants/application-rules';
import { createGrantApplication } from '../../api/grants/create-grant-application';
import { exportGrantsCsv } from '../../api/grants/export-grants-csv';
import { grantBoard } from '../../api/grants/grant-board';
import { moveGrantApplication } from '../../api/grants/move-grant-application';
import { applicationsOfFunder, findApplication, findDocument, findFunder, funderOptions, listFunders, responsibleCandidates } from '../../api/grants/queries';
import { DOCUMENT_NOT_FOUND, removeGrantDocument } from '../../api/grants/remove-grant-document';
import { createFunder, FUNDER_NOT_FOUND, updateFunder } from '../../api/grants/save-funder';
import { applicationSchema, documentLinkSchema, documentTitleSchema, funderSchema, grantFilterSchema, moveSchema, type GrantFilter } from '../../api/grants/schemas';
import { updateGrantApplication } from '../../api/grants/update-grant-application';
import { getBlob } from '../../api/files/blobs';
import { actorOf, type AppContext, type AppEnv } from '../../api/http/context';
import { AppError, msg, type Msg } from '../../api/http/errors';
import { parseOrThrow } from '../../api/http/validate';
import { addDays, berlinToday } from '../../api/lib/dates';
import { GRANT_STATUS_LABELS } from '../../api/lib/grants';
import { setFlash } from '../flash';
import { attempt, readForm } from '../forms';
import { tr } from '../i18n';
import { ApplicationPage, type ApplicationPageErrors } from './application';
import { ApplicationFormPage, applicationFormValues, type ApplicationFormChoices } from './application-form';
import type { FormValues } from './fields';
import { FunderFormPage, funderFormValues, FunderPage, FundersPage } from './funders';
import { PipelinePage } from './pipeline';
import { openDeadlines } from '../../api/grants/deadline-queries';
import { CALENDAR_DAYS } from './calendar';

/**
 * The pipeline board, applications, funders and documents (grants core, issue #6). Every write
 * goes through the grants operations in one transaction; the screens choose and show. A saved
 * change that deserves a second look (approved above requested) comes back as a flash warning.
 */

function positiveInt(raw: string): number | null {
  const id = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(id) && id > 0 ? id : null;
}

function idOf(c: AppContext, name = 'id'): number | null {
  const raw = c.req.param(name) ?? '';
  const id = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(id) && id > 0 ? id : null;
}

function mustId(c: AppContext, name: string, notFound: Msg): number {
  const id = idOf(c, name);
  if (id === null) throw new AppError('not_found', notFound);
  return id;
}

/** "Saved." plus any warnings, as one flash: a warning turns the message into a notice to read. */
function flashSaved(c: AppContext, saved: Msg, warnings: GrantWarning[]) {
  if (!warnings.length) return setFlash(c, 'success', saved);
  setFlash(c, 'info', msg([saved.de, ...warnings.map((w) => w.message.de)].join(' '), [saved.en, ...warnings.map((w) => w.message.en)].join(' ')));
}

function strings(form: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

async function formChoices(db: Executor, responsible?: number | null): Promise<ApplicationFormChoices> {
  const [funders, people] = await Promise.all([funderOptions(db), responsibleCandidates(db, responsible)]);
  return { funders, people };
}

function filterOf(c: AppContext): GrantFilter {
  const parsed = grantFilterSchema.safeParse(c.req.query());
  return parsed.success ? parsed.data : {};
}

async function applicationPage(c: AppContext, id: number, errors: ApplicationPageErrors = {}, status: 200 | 404 | 409 | 413 | 422 = 200) {
  const deps = c.get('deps');
  const detail = await applicationDetail(deps.db, id);
  return c.html(<ApplicationPage c={c} detail={detail} today={berlinToday(deps.clock.now())} {...errors} />, status);
}

const statusOf = (e: AppError) => (e.status === 409 ? 409 : e.status === 404 ? 404 : 422);

export function webGrantRoutes() {
  const app = new Hono<AppEnv>();

  // ---- the board

  app.get('/grants', async (c) => {
    const deps = c.get('deps');
    const filter = filterOf(c);
    const today = berlinToday(deps.clock.now());
    const [board, funders, people, deadlines] = await Promise.all([
      grantBoard(deps.db, { funderId: filter.funder, responsibleUserId: filter.responsible }, today),
      funderOptions(deps.db),
      responsibleCandidates(deps.db, filter.responsible),
      openDeadlines(deps.db, addDays(today, CALENDAR_DAYS)),
    ]);
    return c.html(<PipelinePage c={c} board={board} filter={filter} funders={funders} people={people} deadlines={deadlines} today={today} />);
  });

  app.get('/grants/export.csv', async (c) => {
    const deps = c.get('deps');
    const filter = filterOf(c);
    const csv = await exportGrantsCsv(deps.db, { funderId: filter.funder, responsibleUserId: filter.responsible });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="Foerderantraege-${berlinToday(deps.clock.now())}.csv"`,
      'cache-control': 'no-store',
    });
  });

  // ---- applications

  app.get('/grants/new', async (c) => {
    const t = tr(c);
    const funder = positiveInt(c.req.query('funder') ?? '') ?? undefined;
    const choices = await formChoices(c.get('deps').db);
    return c.html(<ApplicationFormPage c={c} title={t('Neuer Förderantrag', 'New grant application')} action="/grants" values={{ funder_id: funder }} choices={choices} back="/grants" />);
  });

  app.post('/grants', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => inTransaction(deps.db, (trx) => createGrantApplication(trx, { application: parseOrThrow(applicationSchema, form), actor: actorOf(c) }, deps)));
    if (!result.ok) {
      const choices = await formChoices(deps.db);
      return c.html(<ApplicationFormPage c={c} title={tr(c)('Neuer Förderantrag', 'New grant application')} action="/grants" values={strings(form)} choices={choices} error={result.error} back="/grants" />, statusOf(result.error));
    }
    const { application, warnings } = result.value;
    flashSaved(c, msg(`Antrag „${application.title}“ ist angelegt (Status: Idee).`, `Application “${application.title}” is created (status: idea).`), warnings);
    return c.redirect(`/grants/${application.id}`);
  });

  app.get('/grants/:id', async (c, next) => {
    const id = idOf(c);
    if (id === null) return next(); // /grants/calendar and other pages of the area
    return applicationPage(c, id);
  });

  app.get('/grants/:id/edit', async (c) => {
    const db = c.get('deps').db;
    const id = mustId(c, 'id', APPLICATION_NOT_FOUND);
    const a = await findApplication(db, id);
    if (!a) throw new AppError('not_found', APPLICATION_NOT_FOUND);
    const choices = await formChoices(db, a.responsible_user_id);
    return c.html(<ApplicationFormPage c={c} title={tr(c)(`${a.title} bearbeiten`, `Edit ${a.title}`)} action={`/grants/${id}`} values={applicationFormValues(a)} choices={choices} back={`/grants/${id}`} />);
  });

  app.post('/grants/:id', async (c) => {
    const deps = c.get('deps');
    const id = mustId(c, 'id', APPLICATION_NOT_FOUND);
    const form = await readForm(c);
    const result = await attempt(() => inTransaction(deps.db, (trx) => updateGrantApplication(trx, { id, application: parseOrThrow(applicationSchema, form), actor: actorOf(c) }, deps)));
    if (!result.ok) {
      if (result.error.code === 'not_found' && result.error.detail === APPLICATION_NOT_FOUND) throw result.error;
      const current = await findApplication(deps.db, id);
      if (!current) throw new AppError('not_found', APPLICATION_NOT_FOUND);
      const choices = await formChoices(deps.db, current.responsible_user_id);
      return c.html(
        <ApplicationFormPage c={c} title={tr(c)(`${current.title} bearbeiten`, `Edit ${current.title}`)} action={`/grants/${id}`} values={strings(form)} choices={choices} error={result.error} back={`/grants/${id}`} />,
        statusOf(result.error),
      );
    }
    const { application, warnings } = result.value;
    flashSaved(c, msg(`Antrag „${application.title}“ ist gespeichert.`, `Application “${application.title}” is saved.`), warnings);
    return c.redirect(`/grants/${id}`);
  });

  app.post('/grants/:id/status', async (c) => {
    const deps = c.get('deps');
    const id = mustId(c, 'id', APPLICATION_NOT_FOUND);
    const form = await readForm(c);
    const result = await attempt(() => inTransaction(deps.db, (trx) => moveGrantApplication(trx, { id, move: parseOrThrow(moveSchema, form), actor: actorOf(c) }, deps)));
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      return applicationPage(c, id, { move: result.error, moveValues: strings(form) }, statusOf(result.error));
    }
    const moved = result.value;
    const to = GRANT_STATUS_LABELS[moved.application.status];
    const ticked = moved.deadlinesDone.length;
    flashSaved(
      c,
      msg(
        `Status: ${to.de}.${ticked ? ` Die Antragsfrist ist als erledigt vermerkt.` : ''}`,
        `Status: ${to.en}.${ticked ? ' The application deadline is marked done.' : ''}`,
      ),
      moved.warnings,
    );
    return c.redirect(`/grants/${id}`);
  });

  // ---- documents

  app.post('/grants/:id/documents', async (c) => {
    const deps = c.get('deps');
    const id = mustId(c, 'id', APPLICATION_NOT_FOUND);
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const file = body.file;
    const hasFile = file instanceof File && (file.size > 0 || file.name !== '');
    const values = { kind: hasFile ? 'file' : 'link', title: typeof body.title === 'string' ? body.title : '', url: typeof body.url === 'string' ? body.url : '' };
    const result = await attempt(async () => {
      let document: DocumentInput;
      if (hasFile) {
        const { title } = parseOrThrow(documentTitleSchema, { title: body.title });
        document = { title, file: { filename: (file as File).name, bytes: new Uint8Array(await (file as File).arrayBuffer()) } };
      } else {
        document = parseOrThrow(documentLinkSchema, { title: body.title, url: body.url });
      }
      return inTransaction(deps.db, (trx) => addGrantDocument(trx, { applicationId: id, document, actor: actorOf(c) }, deps));
    });
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      return applicationPage(c, id, { document: result.error, documentValues: values }, statusOf(result.error));
    }
    setFlash(c, 'success', msg(`Dokument „${result.value.title}“ ist gespeichert.`, `Document “${result.value.title}” is saved.`));
    return c.redirect(`/grants/${id}#documents-heading`);
  });

  app.get('/grants/:id/documents/:documentId', async (c) => {
    const db = c.get('deps').db;
    const id = mustId(c, 'id', APPLICATION_NOT_FOUND);
    const documentId = mustId(c, 'documentId', DOCUMENT_NOT_FOUND);
    const doc = await findDocument(db, id, documentId);
    if (!doc) throw new AppError('not_found', DOCUMENT_NOT_FOUND);
    if (doc.url) return c.redirect(doc.url);
    const blob = await getBlob(db, doc.blob_key!);
    if (!blob) throw new Error(`grant document ${doc.id}: stored file ${doc.blob_key} is missing`);
    const filename = doc.filename ?? `dokument-${doc.id}`;
    const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return c.body(blob.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': doc.content_type ?? blob.contentType,
      'content-disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    });
  });

  app.post('/grants/:id/documents/:documentId/delete', async (c) => {
    const deps = c.get('deps');
    const id = mustId(c, 'id', APPLICATION_NOT_FOUND);
    const documentId = mustId(c, 'documentId', DOCUMENT_NOT_FOUND);
    const removed = await inTransaction(deps.db, (trx) => removeGrantDocument(trx, { applicationId: id, documentId, actor: actorOf(c) }, deps));
    setFlash(c, 'success', msg(`Dokument „${removed.title}“ ist entfernt.`, `Document “${removed.title}” is removed.`));
    return c.redirect(`/grants/${id}#documents-heading`);
  });

  // ---- funders

  app.get('/funders', async (c) => c.html(<FundersPage c={c} funders={await listFunders(c.get('deps').db)} />));

  app.get('/funders/new', (c) => c.html(<FunderFormPage c={c} title={tr(c)('Neuer Fördermittelgeber', 'New funder')} action="/funders" values={{ kind: 'foundation' }} back="/funders" />));

  app.post('/funders', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const result = await attempt(() => inTransaction(deps.db, (trx) => createFunder(trx, { funder: parseOrThrow(funderSchema, form), actor: actorOf(c) }, deps)));
    if (!result.ok) {
      return c.html(<FunderFormPage c={c} title={tr(c)('Neuer Fördermittelgeber', 'New funder')} action="/funders" values={strings(form) as FormValues} error={result.error} back="/funders" />, statusOf(result.error));
    }
    setFlash(c, 'success', msg(`Fördermittelgeber „${result.value.name}“ ist angelegt.`, `Funder “${result.value.name}” is created.`));
    return c.redirect(`/funders/${result.value.id}`);
  });

  app.get('/funders/:id', async (c) => {
    const db = c.get('deps').db;
    const id = mustId(c, 'id', FUNDER_NOT_FOUND);
    const funder = await findFunder(db, id);
    if (!funder) throw new AppError('not_found', FUNDER_NOT_FOUND);
    return c.html(<FunderPage c={c} funder={funder} applications={await applicationsOfFunder(db, id)} />);
  });

  app.get('/funders/:id/edit', async (c) => {
    const id = mustId(c, 'id', FUNDER_NOT_FOUND);
    const funder = await findFunder(c.get('deps').db, id);
    if (!funder) throw new AppError('not_found', FUNDER_NOT_FOUND);
    return c.html(<FunderFormPage c={c} title={tr(c)(`${funder.name} bearbeiten`, `Edit ${funder.name}`)} action={`/funders/${id}`} values={funderFormValues(funder)} back={`/funders/${id}`} />);
  });

  app.post('/funders/:id', async (c) => {
    const deps = c.get('deps');
    const id = mustId(c, 'id', FUNDER_NOT_FOUND);
    const form = await readForm(c);
    const result = await attempt(() => inTransaction(deps.db, (trx) => updateFunder(trx, { id, funder: parseOrThrow(funderSchema, form), actor: actorOf(c) }, deps)));
    if (!result.ok) {
      if (result.error.code === 'not_found') throw result.error;
      return c.html(<FunderFormPage c={c} title={tr(c)('Fördermittelgeber bearbeiten', 'Edit funder')} action={`/funders/${id}`} values={strings(form) as FormValues} error={result.error} back={`/funders/${id}`} />, statusOf(result.error));
    }
    setFlash(c, 'success', msg(`Fördermittelgeber „${result.value.name}“ ist gespeichert.`, `Funder “${result.value.name}” is saved.`));
    return c.redirect(`/funders/${id}`);
  });

  return app;
}
