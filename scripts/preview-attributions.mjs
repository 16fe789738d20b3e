/* global document, window, getComputedStyle -- page.evaluate callbacks run in the browser */
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
const tab = await bundle(join(harness, 'tab.ts'), scratch);
const kinds = await bundle(join(harness, 'kinds.ts'), scratch);
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
const { previewReportHtml, previewImageReportHtml, previewKindReportHtml } = await import(
  pathToFileURL(join(scratch, 'reportInput.mjs')).href
);
const reportPath = join(out, 'report-preview.html');
writeFileSync(reportPath, previewReportHtml(report.js, report.css));

const files = {
  '/': ['text/html', readFileSync(join(harness, 'index.html'))],
  '/themes.css': ['text/css', readFileSync(join(harness, 'themes.css'))],
  '/attributions.css': ['text/css', readFileSync(join(root, 'media/attributions.css'))],
  '/preview.js': ['text/javascript', preview.js],
  '/tab': ['text/html', readFileSync(join(harness, 'tab.html'))],
  '/tab.js': ['text/javascript', tab.js],
  '/kinds': ['text/html', readFileSync(join(harness, 'kinds.html'))],
  '/kinds.js': ['text/javascript', kinds.js],
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

  // The image view: pixelated enlargement, overlay aligned with the picture, a segment's outline and value on hover.
  const layers = await page.evaluate(() => {
    const box = (sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r ? [r.left, r.top, r.width, r.height].map(Math.round).join(',') : 'missing';
    };
    const canvas = document.querySelector('#chart-heatmap canvas');
    return {
      picture: box('#chart-heatmap img'),
      overlay: box('#chart-heatmap canvas'),
      svg: box('#chart-heatmap svg'),
      rendering: canvas ? getComputedStyle(canvas).imageRendering : 'missing',
      thumbs: document.querySelectorAll('.ml-thumb').length,
      smallMaps: document.querySelectorAll('.ml-image-cell canvas').length,
    };
  });
  console.log(`image view: ${JSON.stringify(layers)}`);
  if (layers.picture !== layers.overlay || layers.overlay !== layers.svg)
    problems.push(`image layers misaligned: ${JSON.stringify(layers)}`);
  if (layers.rendering !== 'pixelated') problems.push(`heat map is drawn ${layers.rendering}, not pixelated`);
  if (layers.thumbs !== 3 || layers.smallMaps !== 2) problems.push(`image view: ${JSON.stringify(layers)}`);
  const svgBox = await page.locator('#chart-heatmap svg').boundingBox();
  if (svgBox) {
    const [px, py] = [9, 7];
    const scale = svgBox.width / 28;
    await page.mouse.move(svgBox.x + (px + 0.5) * scale, svgBox.y + (py + 0.5) * scale);
    const hover = await page.evaluate(() => ({
      segment: document.querySelector('#chart-heatmap svg')?.getAttribute('data-segment'),
      tip: document.querySelector('#chart-heatmap .ml-tooltip')?.textContent,
      outline: document.querySelector('#chart-heatmap .ml-outline-line')?.getAttribute('d')?.length ?? 0,
    }));
    const expected = await page.evaluate(([x, y]) => window.previewImage.expectedAt(x, y), [px, py]);
    console.log(`hover pixel (${px},${py}): ${JSON.stringify(hover)}; expected segment ${expected.segment}`);
    if (
      hover.segment !== String(expected.segment) ||
      !hover.tip?.includes(`segment ${expected.segment}`) ||
      !hover.outline
    )
      problems.push(`hover: ${JSON.stringify(hover)} vs ${JSON.stringify(expected)}`);
    await page.locator('#section-heatmap').screenshot({ path: join(out, 'image-view-hover.png') });
    await page.mouse.move(1, 1);
    // Keyboard: the map is one tab stop; arrow keys step through the segments with their values.
    await page.focus('#img-heatmap');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const keyed = await page.evaluate(() => [
      document.querySelector('#img-heatmap')?.getAttribute('data-segment'),
      document.querySelector('#chart-heatmap .ml-tooltip')?.textContent,
    ]);
    console.log(`keyboard on the map: ${JSON.stringify(keyed)}`);
    if (keyed[0] !== '1' || !keyed[1]?.startsWith('segment 1 ')) problems.push(`map keyboard: ${keyed}`);
    await page.keyboard.press('Escape');
  }
  // The overlay's pixels on screen: a pixel with a large positive value is red-ish, one with a negative blue-ish.
  const overlay = Buffer.from(await page.evaluate(() => window.previewImage.overlayPng()), 'base64');
  if (overlay.subarray(1, 4).toString() !== 'PNG') problems.push('overlay export is not a PNG');
  writeFileSync(join(out, 'image-view-overlay-export.png'), overlay);
  const npy = Buffer.from(await page.evaluate(() => window.previewImage.npy()), 'base64');
  if (npy.subarray(1, 6).toString() !== 'NUMPY') problems.push('map export is not a .npy');
  console.log(`image exports: overlay png ${overlay.length} bytes, npy ${npy.length} bytes`);
  // Options: positive only and the picture as the model sees it, then back.
  await page.click('#img-positive');
  await page.selectOption('#img-background', 'model');
  const range = await page.locator('#img-input-range').textContent();
  console.log(`as the model sees it: ${range}`);
  if (!range?.startsWith('input values: L -0.42..2.82')) problems.push(`input range text: ${range}`);
  await page.locator('#section-heatmap').screenshot({ path: join(out, 'image-view-positive-model.png') });
  await page.click('#img-positive');
  await page.selectOption('#img-background', 'original');
  const images = await page.evaluate(() => window.previewImage.images());

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

  // The real tab with a fake host: an image run redraws the map as coarse-to-fine partial results arrive.
  const tabPage = await browser.newPage({ viewport: { width: 1100, height: 1000 }, colorScheme: 'dark' });
  tabPage.on('console', (m) => m.type() === 'error' && problems.push(`tab console: ${m.text()}`));
  tabPage.on('pageerror', (e) => problems.push(`tab error: ${e.message}`));
  await tabPage.goto(`${url}tab`);
  await tabPage.evaluate(() => (document.body.className = 'vscode-dark'));
  await tabPage.waitForSelector('#attr-run');
  await tabPage.click('#attr-run');
  const distinct = () =>
    tabPage.evaluate(() => {
      const c = document.querySelector('#chart-heatmap canvas');
      if (!c) return -1;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < d.length; i += 4) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`);
      return seen.size;
    });
  const levels = [];
  for (const n of [1, 2, 3]) {
    await tabPage.waitForFunction((k) => Number(document.body.dataset.partials) >= k, n);
    await tabPage.waitForTimeout(150);
    levels.push(await distinct());
    if (n === 1) await tabPage.screenshot({ path: join(out, 'image-tab-partial.png'), fullPage: true });
  }
  await tabPage.waitForFunction(() => !document.querySelector('#attr-summary.partial'));
  levels.push(await distinct());
  console.log(`tab: distinct overlay colours as the map refines ${levels.join(' -> ')}`);
  // A 14-pixel block map has 4 values (some may coincide); finer levels and the finished map show more.
  if (!(levels[0] > 0 && levels[0] <= 5 && levels[1] > levels[0] && levels[3] > levels[1]))
    problems.push(`partial maps did not refine: ${levels.join(', ')}`);
  const buttons = await tabPage.evaluate(() => [...document.querySelectorAll('.attr-bar button')].map((b) => b.id));
  if (buttons.includes('attr-export-csv')) problems.push('the image view offers a CSV of segments');
  await tabPage.click('#img-thumb-2');
  await tabPage.waitForFunction(() => document.querySelector('#img-thumb-2')?.getAttribute('aria-pressed') === 'true');
  const picked = await tabPage.evaluate(() => ({
    title: document.querySelector('#section-heatmap h3')?.textContent,
    focus: document.activeElement?.id,
    classes: [...document.querySelectorAll('#attr-class option')].map((o) => o.textContent),
  }));
  console.log(`tab: third image chosen: ${JSON.stringify(picked)}`);
  if (!picked.title?.includes('sample_2_0') || picked.focus !== 'img-thumb-2' || picked.classes[0] !== '0 (93%)')
    problems.push(`tab selection: ${JSON.stringify(picked)}`);
  await tabPage.selectOption('#attr-class', '1');
  await tabPage.waitForFunction(() => document.querySelector('#section-heatmap h3')?.textContent?.endsWith('for 6'));
  await tabPage.screenshot({ path: join(out, 'image-tab-final.png'), fullPage: true });

  const imageReportPath = join(out, 'report-image-preview.html');
  writeFileSync(imageReportPath, previewImageReportHtml(report.js, report.css, images));
  const imageReport = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: 'dark' });
  imageReport.on('console', (m) => m.type() === 'error' && problems.push(`image report console: ${m.text()}`));
  imageReport.on('pageerror', (e) => problems.push(`image report error: ${e.message}`));
  await imageReport.goto(pathToFileURL(imageReportPath).href);
  await imageReport.waitForSelector('body[data-rendered="true"]');
  const imageReportParts = await imageReport.evaluate(() => ({
    thumbs: document.querySelectorAll('.ml-thumb img').length,
    maps: document.querySelectorAll('.ml-image-stack canvas').length,
    curves: document.querySelectorAll('svg[data-chart="curves"]').length,
    controls: document.querySelectorAll('#img-opacity, #img-export-png').length,
  }));
  console.log(`image report: ${imageReportPath}, ${JSON.stringify(imageReportParts)}`);
  if (imageReportParts.thumbs !== 3 || imageReportParts.maps !== 3 || imageReportParts.curves !== 1)
    problems.push(`image report: ${JSON.stringify(imageReportParts)}`);
  await imageReport.screenshot({ path: join(out, 'report-image-preview.png'), fullPage: true });

  await previewKinds(browser, problems);

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
/** The text and sequence views: each word's value and colour, hover and keyboard, bands, themes, their reports. */
async function previewKinds(browser, problems) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, colorScheme: 'light' });
  page.on('console', (m) => m.type() === 'error' && problems.push(`kinds console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`kinds error: ${e.message}`));
  await page.goto(`${url}kinds`);
  await page.waitForSelector('body[data-rendered="1"]');
  // Every word of every review is drawn with its value; red words have positive values, blue negative.
  const words = await page.evaluate(() => {
    const { text } = window.previewKinds;
    const units = [...document.querySelectorAll('.ml-unit')];
    const bad = units.filter((u) => {
      const r = Number(u.dataset.row);
      const i = Number(u.dataset.index);
      const value = Number(u.dataset.value);
      const cls = value > 0 ? 'ml-unit-positive' : value < 0 ? 'ml-unit-negative' : 'ml-unit-zero';
      return !u.classList.contains(cls) || !Number.isFinite(value) || i >= text.tokens[r].length;
    });
    return {
      units: units.length,
      tokens: text.tokens.reduce((s, t) => s + t.length, 0),
      bad: bad.length,
      sentence: [...document.querySelectorAll('.ml-text-row[data-row="0"] .ml-unit')]
        .map((u) => u.textContent)
        .join('|'),
    };
  });
  console.log(`text view: ${JSON.stringify(words)}`);
  if (words.units !== words.tokens || words.bad) problems.push(`text view words: ${JSON.stringify(words)}`);
  const strongest = page.locator('.ml-text-row[data-row="0"] .ml-unit[data-index="3"]');
  await strongest.hover();
  const tip = await page.locator('#chart-text .ml-tooltip').textContent();
  console.log(`text hover: ${tip}`);
  if (!tip?.includes('"brilliant"') || !tip.includes('+0.21')) problems.push(`text tooltip: ${tip}`);
  await page.locator('#section-text').screenshot({ path: join(out, 'text-view-hover.png') });
  await page.mouse.move(1, 1);
  await page.focus('#text-unit-0-0');
  await page.keyboard.press('ArrowRight');
  const keyed = await page.evaluate(() => [
    document.activeElement?.id,
    document.querySelector('#chart-text .ml-tooltip')?.textContent,
  ]);
  console.log(`text keyboard: ${JSON.stringify(keyed)}`);
  if (keyed[0] !== 'text-unit-0-1' || !keyed[1]?.includes('"acting"')) problems.push(`text keyboard: ${keyed}`);
  await page.keyboard.press('Escape');
  const parts = await page.evaluate(() =>
    Object.fromEntries(
      ['unit-bars', 'waterfall', 'curves', 'signal', 'heat-legend'].map((k) => [
        k,
        document.querySelectorAll(`svg[data-chart="${k}"]`).length,
      ]),
    ),
  );
  const bands = await page.locator('#chart-signal .ml-band').count();
  const lines = await page.locator('#chart-signal .ml-signal-line').count();
  console.log(`kinds charts: ${JSON.stringify(parts)}; bands ${bands}; signal lines ${lines}`);
  if (parts['unit-bars'] !== 1 || parts.waterfall !== 1 || parts.curves !== 2 || parts.signal !== 1)
    problems.push(`kinds charts: ${JSON.stringify(parts)}`);
  if (bands !== 32 || lines !== 3) problems.push(`sequence view: ${bands} bands, ${lines} lines`);
  const band = page.locator('#chart-signal .ml-band[data-window="13"]');
  await band.hover();
  const bandTip = await page.locator('#chart-signal .ml-tooltip').textContent();
  const bandValue = await band.getAttribute('data-value');
  console.log(`band hover: ${bandTip} (data-value ${bandValue})`);
  if (!bandTip?.includes('window 14 of 32: steps 104–111') || !(Number(bandValue) > 0.1))
    problems.push(`band tooltip: ${bandTip}`);
  await page.locator('#section-signal').screenshot({ path: join(out, 'sequence-view-hover.png') });
  await page.mouse.move(1, 1);
  await page.click('#text-row-2');
  await page.waitForFunction(() => document.querySelector('#text-row-2')?.getAttribute('aria-pressed') === 'true');
  for (const [theme, cls] of [
    ['light', 'vscode-light'],
    ['dark', 'vscode-dark'],
    ['hc', 'vscode-high-contrast'],
  ]) {
    const before = await page.evaluate(() => Number(document.body.dataset.rendered));
    await page.evaluate((c) => (document.body.className = c), cls);
    await page.waitForFunction((n) => Number(document.body.dataset.rendered) > n, before);
    const file = join(out, `text-sequence-preview-${theme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
  }
  for (const kind of ['text', 'sequence']) {
    const path = join(out, `report-${kind}-preview.html`);
    writeFileSync(path, previewKindReportHtml(report.js, report.css, kind));
    const r = await browser.newPage({ viewport: { width: 1000, height: 900 }, colorScheme: 'light' });
    r.on('pageerror', (e) => problems.push(`${kind} report error: ${e.message}`));
    r.on('console', (m) => m.type() === 'error' && problems.push(`${kind} report console: ${m.text()}`));
    await r.goto(pathToFileURL(path).href);
    await r.waitForSelector('body[data-rendered="true"]');
    const shown = await r.evaluate(() => ({
      units: document.querySelectorAll('.ml-unit').length,
      bands: document.querySelectorAll('.ml-band').length,
      charts: [...document.querySelectorAll('svg[data-chart]')].map((s) => s.getAttribute('data-chart')),
      exports: document.querySelectorAll('.attr-export-svg, .attr-export-png').length,
    }));
    console.log(`${kind} report: ${path}, ${JSON.stringify(shown)}`);
    if ((kind === 'text' ? shown.units : shown.bands) === 0 || shown.exports)
      problems.push(`${kind} report: ${JSON.stringify(shown)}`);
    await r.screenshot({ path: join(out, `report-${kind}-preview.png`), fullPage: true });
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('preview: no problems');
