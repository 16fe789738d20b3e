/* global document, window -- page.evaluate callbacks run in the browser */
// Renders every attribution chart from deterministic fake data in Debian's chromium, in light, dark and
// high-contrast themes, under the webview's CSP; checks exports and keyboard stepping; builds the HTML report.
// Screenshots go to test-results/. `--serve` keeps the preview server running for a look in a browser.
import * as esbuild from 'esbuild';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const harness = join(root, 'test/harness/attributions-preview');
const out = join(root, 'test-results');
const scratch = join(out, 'attributions-preview');
mkdirSync(scratch, { recursive: true });

const browserBundle = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  write: false,
  logLevel: 'warning',
};

async function bundle(entry, outdir) {
  const result = await esbuild.build({ ...browserBundle, entryPoints: { main: entry }, outdir });
  const text = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: text('.js'), css: text('.css') };
}

const preview = await bundle(join(harness, 'main.ts'), scratch);
// The report entry as esbuild.mjs builds it (dist/webview/report.js + report.css).
const report = await bundle(join(root, 'webview/report/main.ts'), scratch);
await esbuild.build({
  entryPoints: [join(harness, 'reportInput.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(scratch, 'reportInput.mjs'),
  logLevel: 'warning',
});
const { previewReportHtml } = await import(pathToFileURL(join(scratch, 'reportInput.mjs')).href);
const reportPath = join(out, 'report-preview.html');
writeFileSync(reportPath, previewReportHtml(report.js, report.css));

const files = {
  '/': ['text/html', readFileSync(join(harness, 'index.html'))],
  '/themes.css': ['text/css', readFileSync(join(harness, 'themes.css'))],
  '/attributions.css': ['text/css', readFileSync(join(root, 'media/attributions.css'))],
  '/preview.js': ['text/javascript', preview.js],
};
const server = createServer((req, res) => {
  const file = files[new URL(req.url ?? '/', 'http://localhost').pathname];
  if (!file) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
if (process.argv.includes('--serve')) {
  console.log(`preview: ${url}\nreport: ${pathToFileURL(reportPath).href}`);
  await new Promise(() => {});
}

const problems = [];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1250, height: 900 }, colorScheme: 'light' });
  page.on('console', (m) => m.type() === 'error' && problems.push(`preview console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`preview error: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('body[data-rendered="1"]');

  const counts = await page.evaluate(() =>
    Object.fromEntries(
      ['bar', 'beeswarm', 'waterfall', 'force', 'dependence', 'pdp', 'importance', 'lime'].map((k) => [
        k,
        document.querySelectorAll(`svg[data-chart="${k}"]`).length,
      ]),
    ),
  );
  for (const [k, n] of Object.entries(counts)) if (!n) problems.push(`no ${k} chart`);
  const dots = await page.locator('#chart-beeswarm .dot[data-row][data-feature]').count();
  if (dots !== 40 * 13) problems.push(`beeswarm has ${dots} dots, expected 520`);
  const inlineStyles = await page.evaluate(() => document.querySelectorAll('[style]').length);
  console.log(
    `charts: ${JSON.stringify(counts)}; beeswarm dots ${dots}; elements with a style attribute ${inlineStyles}`,
  );

  // Keyboard: the bar chart is one tab stop; ArrowDown moves to the next bar and its tooltip shows.
  await page.focus('#chart-bar .bar');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-feature'));
  const secondBar = await page.locator('#chart-bar .bar').nth(1).getAttribute('data-feature');
  const tip = await page.locator('#chart-bar .ml-tooltip').textContent();
  if (focused !== secondBar || !tip?.includes(secondBar ?? '?'))
    problems.push(`keyboard: focus ${focused}, tooltip ${tip}`);
  console.log(`keyboard: ArrowDown focused "${focused}", tooltip "${tip}"`);
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 2, y: 2 } });

  for (const [theme, cls] of [
    ['light', 'vscode-light'],
    ['dark', 'vscode-dark'],
    ['hc', 'vscode-high-contrast'],
  ]) {
    const before = await page.evaluate(() => Number(document.body.dataset.rendered));
    await page.evaluate((c) => (document.body.className = c), cls);
    if (cls !== 'vscode-light') await page.waitForFunction((n) => Number(document.body.dataset.rendered) > n, before);
    const file = join(out, `attributions-preview-${theme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
    // One picture per chart too, at full resolution, for a closer look.
    for (const cell of await page.locator('[id^="chart-"]').all()) {
      const id = await cell.getAttribute('id');
      await cell.screenshot({ path: join(scratch, `${id}-${theme}.png`) });
    }
  }

  // Exports from the dark theme: resolved colours, no CSS variables left; a PNG that decodes.
  const svgText = await page.evaluate(() => window.previewExports.svg('beeswarm'));
  if (svgText.includes('var(')) problems.push('exported SVG still has CSS variables');
  writeFileSync(join(out, 'attributions-preview-export.svg'), svgText);
  const png = Buffer.from(await page.evaluate(() => window.previewExports.png('waterfall')), 'base64');
  if (png.subarray(1, 4).toString() !== 'PNG') problems.push('exported PNG is not a PNG');
  writeFileSync(join(out, 'attributions-preview-export.png'), png);
  console.log(`exports: svg ${svgText.length} chars, png ${png.length} bytes`);

  const reportPage = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
  reportPage.on('console', (m) => m.type() === 'error' && problems.push(`report console: ${m.text()}`));
  reportPage.on('pageerror', (e) => problems.push(`report error: ${e.message}`));
  reportPage.on(
    'request',
    (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && problems.push(`report fetched ${r.url()}`),
  );
  await reportPage.goto(pathToFileURL(reportPath).href);
  await reportPage.waitForSelector('body[data-rendered="true"]');
  const reportCharts = await reportPage.evaluate(() =>
    [...document.querySelectorAll('svg[data-chart]')].map((s) => s.getAttribute('data-chart')),
  );
  console.log(`report: ${reportPath} (${readFileSync(reportPath).length} bytes), charts ${reportCharts.join(' ')}`);
  await reportPage.screenshot({ path: join(out, 'report-preview.png'), fullPage: true });
  for (const cell of await reportPage.locator('[id^="chart-"]').all())
    await cell.screenshot({ path: join(scratch, `report-${await cell.getAttribute('id')}.png`) });
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('preview: no problems');
