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
export function mail(subject: string, paragraphs: string[], footer: string, dir: 'ltr' | 'rtl' = 'ltr'): RenderedMail {
  const text = [...paragraphs, '--', footer].join('\n\n') + '\n';
  const body = paragraphs
    .map((p) =>
      /^https?:\/\/\S+$/.test(p)
        ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>`
        : `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
  const html = `<!doctype html><html dir="${dir}"><body style="font-family:sans-serif;line-height:1.5">${body}<hr><p style="color:#555">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}
