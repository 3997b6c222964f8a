import type { RenderedMail } from '../../templates/emails/layout';
import { emailTemplates, type EmailTemplateName, type EmailVars } from '../../templates/emails/index';
import type { MailAttachment } from '../../db/schema';
import type { Deps, Executor } from '../deps';
import { insertOutboxRows } from './queries';

export interface EnqueueMailInput<T extends EmailTemplateName> {
  template: T;
  language: string;
  to: string;
  vars: EmailVars<T>;
  /** Carries a login or reset link: the Outbox page shows it only to its addressee. */
  sensitive?: boolean;
  attachments?: MailAttachment[];
}

/**
 * A mail is a row, written through the caller's executor in the same transaction as the
 * change that causes it; the outbox worker delivers it later (DESIGN.md, Mail).
 */
export async function enqueueMail<T extends EmailTemplateName>(
  trx: Executor,
  input: EnqueueMailInput<T>,
  deps: Pick<Deps, 'clock'>,
): Promise<number> {
  const [id] = await enqueueMails(trx, [input], deps);
  return id!;
}

/** Many mails of a batch (pre-notifications of a collection) in few statements. */
export async function enqueueMails<T extends EmailTemplateName>(trx: Executor, inputs: EnqueueMailInput<T>[], deps: Pick<Deps, 'clock'>): Promise<number[]> {
  const now = deps.clock.now();
  const rows = inputs.map((input) => {
    const byLanguage = emailTemplates[input.template] as unknown as Record<string, (vars: EmailVars<T>) => RenderedMail>;
    const language = byLanguage[input.language] ? input.language : 'de';
    const rendered = byLanguage[language]!(input.vars);
    return {
      template: input.template,
      language,
      to_address: input.to,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
      sensitive: input.sensitive ?? false,
      attachments: input.attachments?.length ? JSON.stringify(input.attachments) : null,
    };
  });
  return insertOutboxRows(trx, rows, now);
}
