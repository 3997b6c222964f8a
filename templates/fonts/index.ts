import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The fonts of Kassenwart's PDFs: DejaVu Sans (regular and bold) from the npm package
 * dejavu-fonts-ttf, so a fresh `npm install` brings them (licence: the package's LICENSE, free
 * to embed). One face covers German (ä ö ü ß), Turkish (ş ğ ı İ) and Arabic, so a member's name
 * prints in the script it is stored in. Read once per process; pdfkit subsets what a document uses.
 */
export interface PdfFonts {
  regular: Buffer;
  bold: Buffer;
}

let loaded: PdfFonts | null = null;

/**
 * On Cloudflare Workers there is no disk to read the fonts from: the Worker entry imports the
 * TTFs as bundled bytes (wrangler.toml [[rules]] Data) and hands them over before any PDF is made.
 */
export function providePdfFonts(fonts: PdfFonts) {
  loaded = fonts;
}

export function pdfFonts(): PdfFonts {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    loaded = { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
  }
  return loaded;
}
