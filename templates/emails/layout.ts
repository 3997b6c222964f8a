/** The frame every mail shares: a plain-text body and a simple, escaped HTML twin. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Paragraphs of text; a paragraph that is a URL becomes a link in the HTML part. */
export function mail(
  subject: string,
  paragraphs: string[],
  footer: string,
  options: { dir?: 'ltr' | 'rtl'; image?: { cid: string; alt: string } } = {},
): RenderedMail {
  const dir = options.dir ?? 'ltr';
  const text = [...paragraphs, '--', footer].join('\n\n') + '\n';
  const body = paragraphs
    .map((p) =>
      /^https?:\/\/\S+$/.test(p)
        ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>`
        : `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
  const image = options.image ? `<p><img src="cid:${escapeHtml(options.image.cid)}" alt="${escapeHtml(options.image.alt)}" width="200" height="200"></p>` : '';
  const html = `<!doctype html><html dir="${dir}"><body style="font-family:sans-serif;line-height:1.5">${body}${image}<hr><p style="color:#555">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}
