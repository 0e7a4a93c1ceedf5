// The PDF printer in the machine's real Chromium: a self-contained page prints to several A4
// pages with the footer on each, a request off the file is blocked and counted, the page count
// from the bytes agrees with a real PDF reader, and a missing Chromium says how to install it.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { KartlaError } from '../../src/errors.ts';
import { countPages, printPdf } from '../../src/report/write/pdf.ts';

const SENTENCE = 'Kartlaggningen omfattar sajter som riktar sig mot Sverige.';
const FOOTER = 'Kartla <rapport> & test';

function reportHtml(): string {
  const paragraphs = Array.from({ length: 120 }, (_, i) => `<p>Stycke ${i + 1}: ${SENTENCE}</p>`).join('\n');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Rapport</title>
<style>body { font-family: sans-serif; } .bar { fill: #2a6; }</style></head>
<body>
<h1>Rapport</h1>
<svg width="200" height="60" viewBox="0 0 200 60" role="img" aria-label="diagram">
  <rect class="bar" x="0" y="10" width="150" height="20"/><text x="5" y="50">Diagram</text>
</svg>
<img src="http://127.0.0.1:9/x.png" alt="">
${paragraphs}
</body></html>`;
}

describe('printPdf', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kartla-pdf-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a self-contained page to A4 pages with the footer, blocking what is not the file', async () => {
    const htmlFile = join(dir, 'report.html');
    const pdfFile = join(dir, 'report.pdf');
    await writeFile(htmlFile, reportHtml());

    const result = await printPdf({ htmlFile, pdfFile, footerText: FOOTER });

    const bytes = new Uint8Array(await readFile(pdfFile));
    const doc = await getDocumentProxy(bytes.slice());
    expect(result.pages).toBeGreaterThanOrEqual(2);
    expect(result.pages).toBe(doc.numPages);
    expect(countPages(bytes)).toBe(doc.numPages);

    const page = await doc.getPage(1);
    const [, , width, height] = page.view;
    // A4 is 595.3 x 841.9 points; Chromium rounds its sizes to hundredths of an inch.
    expect(Math.abs(width! - 595.3)).toBeLessThan(1.5);
    expect(Math.abs(height! - 841.9)).toBeLessThan(1.5);

    const { text } = await extractText(bytes.slice(), { mergePages: false });
    expect(text.join('\n')).toContain(SENTENCE);
    // Escaped in the template, so shown as written; and on every page with its number.
    text.forEach((pageText, i) => {
      expect(pageText).toContain(FOOTER);
      expect(pageText).toContain(`${i + 1}/${doc.numPages}`);
    });

    expect(result.blockedRequests).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('counts no pages in bytes that hold only the page tree', () => {
    const tree = new TextEncoder().encode('1 0 obj << /Type /Pages /Count 3 /Kids [] >> endobj');
    expect(countPages(tree)).toBe(0);
    const two = new TextEncoder().encode('<< /Type /Pages >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>');
    expect(countPages(two)).toBe(2);
  });

  it('says how to install Chromium when there is none', async () => {
    const saved = process.env.KARTLA_CHROMIUM;
    delete process.env.KARTLA_CHROMIUM;
    try {
      const printing = printPdf({
        htmlFile: join(dir, 'none.html'),
        pdfFile: join(dir, 'none.pdf'),
        chromium: '/nonexistent/chromium',
        footerText: 'x',
      });
      await expect(printing).rejects.toBeInstanceOf(KartlaError);
      await expect(printing).rejects.toThrow(/\/nonexistent\/chromium.*the PDF report needs it.*apt-get install -y chromium/);
    } finally {
      if (saved === undefined) delete process.env.KARTLA_CHROMIUM;
      else process.env.KARTLA_CHROMIUM = saved;
    }
  });
});
