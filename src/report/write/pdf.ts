// Prints the report's self-contained HTML file to PDF with the machine's Chromium. The page may
// reach nothing but itself: a report that needed the network would print differently offline,
// and a request made while printing could tell a third party that a report was made.

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../browser/chromium.ts';
import { KartlaError } from '../../errors.ts';

export interface PrintOptions {
  htmlFile: string;
  pdfFile: string;
  /** Chromium executable (crawl.chromium); KARTLA_CHROMIUM and the default apply as for the crawler. */
  chromium?: string;
  /** Shown small at the foot of every page, before the page number. */
  footerText: string;
}

/** Chromium and a 2-core machine under load can take a while; a stuck page must still end. */
const TIMEOUT_MS = 60_000;

const NEEDED_FOR = 'the PDF report needs it (or leave the PDF out with --no-pdf)';

/** Why the PDF cannot be printed (no Chromium), or null: checked before a report writes anything. */
export function pdfProblem(chromium?: string): string | null {
  return findChromium({ chromium }, process.env, NEEDED_FOR).problem;
}

export async function printPdf(opts: PrintOptions): Promise<{ pages: number; blockedRequests: number }> {
  const found = findChromium({ chromium: opts.chromium }, process.env, NEEDED_FOR);
  if (found.problem !== null) throw new KartlaError(found.problem, { ownValuesOnly: true });

  const fileUrl = pathToFileURL(opts.htmlFile).href;
  let blockedRequests = 0;
  const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS, headless: true, timeout: TIMEOUT_MS });
  let pdf: Buffer;
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === fileUrl || url.startsWith('data:')) return route.continue();
      blockedRequests++;
      return route.abort('blockedbyclient');
    });
    // A WebSocket is not a request page.route sees; one left unrouted would connect.
    await page.routeWebSocket(/.*/, (ws) => {
      blockedRequests++;
      void ws.close();
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', right: '15mm', bottom: '18mm', left: '15mm' },
      displayHeaderFooter: true,
      // Chromium's default header prints the date and the file's path; an empty one prints nothing.
      headerTemplate: '<span></span>',
      footerTemplate: footer(opts.footerText),
    });
  } finally {
    await browser.close();
  }
  await writeFile(opts.pdfFile, pdf);
  return { pages: countPages(pdf), blockedRequests };
}

function footer(text: string): string {
  // The template's own font size is tiny and its fonts are not the page's: both set here.
  return (
    '<div style="width:100%;font-size:8px;font-family:sans-serif;color:#555;text-align:center;">' +
    `${escapeHtml(text)} · <span class="pageNumber"></span>/<span class="totalPages"></span></div>`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Page objects in the PDF: `/Type /Page` but not `/Type /Pages` (the page tree). Chromium (Skia)
 * writes them uncompressed, so a scan finds them all; tests compare it with a real PDF reader.
 */
export function countPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![A-Za-z0-9])/g)?.length ?? 0;
}
