import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { GraphService } from '../../src/engine/graph/graphService';
import { loadModelGraph } from '../../src/engine/graph/loadModelGraph';
import { viewBounds } from '../../webview/graph/bounds';
import { searchGraph } from '../../webview/graph/model';
import {
  e2eTarget,
  RESULTS,
  revealInExplorer,
  runCommand,
  screenshot,
  setTheme,
  THEMES,
  useWorkbench,
} from './workbench';

/**
 * Double-clicks a model in the Explorer until the model viewer shows it: a double-click that lands before the
 * extension host has registered the custom editor opens VS Code's binary-file notice instead, which is closed
 * and the click tried again.
 */
async function openInViewer(page: Page, name: string): Promise<FrameLocator> {
  for (let attempt = 1; ; attempt++) {
    const row = await revealInExplorer(page, 'models', name);
    await row.dblclick();
    try {
      return await viewer(page, name, attempt < 4 ? 15_000 : 60_000);
    } catch (e) {
      if (attempt >= 4) throw e;
      await runCommand(page, 'View: Close All Editors');
    }
  }
}

/** The model viewer's document: the custom editor's webview shows the model title like the panel. */
async function viewer(page: Page, title: string, timeoutMs = 60_000): Promise<FrameLocator> {
  const t0 = Date.now();
  for (;;) {
    for (const outer of await page.locator('iframe.webview.ready').all()) {
      const inner = outer.contentFrame().locator('iframe#active-frame').contentFrame();
      const heading = inner.locator('#model-title');
      if (
        (await heading.count()) &&
        (await heading.innerText()) === title &&
        (await inner.locator('#graph-svg').count())
      )
        return inner;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`no graph shows ${title}`);
    await page.waitForTimeout(250);
  }
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what a canvas writes) with node:zlib alone. */
function decodePng(bytes: Buffer): { width: number; height: number; pixel(x: number, y: number): number[] } {
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const [depth, colour, interlace] = [bytes[24], bytes[25], bytes[28]];
  assert.ok(
    depth === 8 && (colour === 2 || colour === 6) && interlace === 0,
    `PNG layout ${depth}/${colour}/${interlace}`,
  );
  const channels = colour === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? out[y * stride + i - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, Math.floor((a + b) / 2), paeth][filter];
      out[y * stride + i] = (v + predictor) & 255;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => [...out.subarray(y * stride + x * channels, y * stride + x * channels + 3)],
  };
}

/** Centre of an element in page pixels. */
async function centre(el: Locator): Promise<{ x: number; y: number }> {
  const b = await el.boundingBox();
  assert.ok(b, 'the element is laid out');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

async function inside(inner: Locator, outer: Locator, slack = 1): Promise<boolean> {
  const [i, o] = [await inner.boundingBox(), await outer.boundingBox()];
  assert.ok(i && o, 'both elements are laid out');
  return (
    i.x >= o.x - slack &&
    i.y >= o.y - slack &&
    i.x + i.width <= o.x + o.width + slack &&
    i.y + i.height <= o.y + o.height + slack
  );
}

/** Whether every element matching `selector` lies inside the graph canvas (one round trip for many). */
async function everyInside(view: FrameLocator, selector: string): Promise<boolean> {
  return view.locator('#graph-canvas').evaluate((canvas, sel) => {
    const c = canvas.getBoundingClientRect();
    return [...canvas.querySelectorAll(sel)].every((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= c.left - 1 && r.top >= c.top - 1 && r.right <= c.right + 1 && r.bottom <= c.bottom + 1;
    });
  }, selector);
}

describe('architecture graph in the model viewer', () => {
  const { workspace } = e2eTarget();
  let page!: Page;
  useWorkbench('graph', (p) => (page = p));

  it('double-click opens the graph; search finds a node; its details show; SVG export lands on disk', async () => {
    const view = await openInViewer(page, 'cnn_digits28.onnx');
    const nodes = view.locator('#graph-svg .graph-node');
    await nodes.first().waitFor({ timeout: 60_000 });
    assert.equal(await view.locator('#graph-svg .graph-node.cat-conv').count(), 2, 'two Conv layers');
    assert.ok(
      (await view.locator('.graph-edge-label', { hasText: '[batch, 1, 28, 28]' }).count()) >= 1,
      'shapes on edges',
    );

    assert.equal(await view.locator('#graph-details').isVisible(), false, 'no details column before a node opens');

    // The engine's own index, searched the same way, says how many matches the tab must report.
    const service = new GraphService(loadModelGraph);
    const { graphId, index, initialExpanded } = await service.open(path.join(workspace, 'models', 'cnn_digits28.onnx'));
    const b = viewBounds(service.view(graphId, initialExpanded));
    const expected = searchGraph(index, 'Gemm').length;
    assert.ok(expected >= 2);
    await view.locator('#graph-search').fill('Gemm');
    assert.equal(await view.locator('#graph-search-count').innerText(), `${expected} matches`);
    await view.locator('#graph-next').click();
    assert.equal(await view.locator('#graph-search-count').innerText(), `1 of ${expected}`);
    const details = view.locator('#graph-details');
    await details.locator('h2', { hasText: 'Gemm' }).waitFor({ timeout: 30_000 });
    assert.match(await details.innerText(), /float32 \[\d+, \d+\]\s+min -?[\d.e-]+, max/);
    await screenshot(page, 'e2e-graph-cnn');

    const target = path.join(workspace, 'models', 'graph.svg');
    rmSync(target, { force: true });
    await view.locator('#graph-export-svg').click();
    // code-server's save dialog is VS Code's own: the proposed path is next to the model; accept it.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    const t0 = Date.now();
    while (!existsSync(target) && Date.now() - t0 < 20_000) await page.waitForTimeout(200);
    const svg = readFileSync(target, 'utf8');
    assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/class="graph-node /g) ?? []).length, await nodes.count(), 'every node is in the file');
    assert.doesNotMatch(svg, /var\(--vscode/, 'theme colours are resolved into the file');
    // The file frames the edge labels too, which run past the layout's own width.
    assert.match(svg, new RegExp(`viewBox="${b.x - 20} ${b.y - 20} ${b.width + 40} ${b.height + 40}"`));
  });

  it('an If node of Silero VAD expands inline and collapses again', async () => {
    const row = await revealInExplorer(page, 'models', 'silero_vad.onnx');
    await row.dblclick();
    const view = await viewer(page, 'silero_vad.onnx');
    const groups = view.locator('#graph-svg .graph-node.cat-control');
    await groups.first().waitFor({ timeout: 60_000 });
    // Fitting all 4,600 layout units would draw 30 px nodes 6 px tall: the first view is readable instead.
    const input = view.locator('#graph-svg .graph-node[data-id="in:input"] rect');
    const canvas = view.locator('#graph-canvas');
    const t0 = Date.now();
    while (!(await inside(input, canvas)) && Date.now() - t0 < 10_000) await page.waitForTimeout(100);
    assert.ok(await inside(input, canvas), 'the first input is in sight');
    assert.ok((await input.boundingBox())!.height >= 0.35 * 30 - 0.5, 'at a readable scale');
    await screenshot(page, 'e2e-graph-silero-first');
    const before = await view.locator('#graph-svg .graph-node').count();
    const id = (await groups.first().getAttribute('data-id')) as string;
    await groups.first().click();
    await view.locator(`#graph-svg .graph-frame[data-id="${id}"]`).waitFor({ timeout: 30_000 });
    const after = await view.locator('#graph-svg .graph-node').count();
    assert.ok(after > before, `expanding shows the body: ${before} -> ${after} items`);
    await view.locator('#graph-fit').click();
    assert.ok(await everyInside(view, '#graph-svg .graph-node, #graph-svg .graph-edge-label'), 'Fit shows it all');
    await screenshot(page, 'e2e-graph-silero');
    await view.locator(`#graph-svg .graph-frame-label[data-id="${id}"]`).click();
    await view.locator(`#graph-svg .graph-frame[data-id="${id}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await view.locator('#graph-svg .graph-node').count(), before);
  });

  it('the minimap draws every node inside the canvas, follows the view and pans it on a press or drag', async () => {
    for (const model of ['silero_vad.onnx', 'cnn_digits28.onnx']) {
      await (await revealInExplorer(page, 'models', model)).dblclick();
      const view = await viewer(page, model);
      await view.locator('#graph-svg .graph-node').first().waitFor({ timeout: 60_000 });
      const count = await view.locator('#graph-svg .graph-node').count();
      assert.equal(await view.locator('#graph-minimap .minimap-node').count(), count, `${model}: a rect per node`);
      assert.ok(await inside(view.locator('#graph-minimap'), view.locator('#graph-canvas')), 'in the canvas corner');
    }
    const view = await viewer(page, 'cnn_digits28.onnx');
    const canvas = view.locator('#graph-canvas');
    const port = view.locator('#graph-minimap .minimap-viewport');
    const mini = view.locator('#graph-minimap .minimap-node');
    const main = view.locator('#graph-svg .graph-node');
    await view.locator('#graph-fit').click();
    assert.ok(await everyInside(view, '#graph-svg .graph-edge-label'), 'fitted, no shape label is cut off');
    // Fitted, the whole graph shows: the viewport rect covers every node of the minimap.
    for (let i = 0; i < (await mini.count()); i++)
      assert.ok(await inside(mini.nth(i), port), `node ${i} in the viewport`);

    // A press on the last node's rect centres the main view on that node.
    const last = (await mini.count()) - 1;
    const portBefore = await port.boundingBox();
    const target = await centre(mini.nth(last));
    await page.mouse.click(target.x, target.y);
    const [onScreen, middle] = [await centre(main.nth(last)), await centre(canvas)];
    assert.ok(Math.abs(onScreen.x - middle.x) < 3 && Math.abs(onScreen.y - middle.y) < 3, 'the node is centred');
    assert.ok((await port.boundingBox())!.y > portBefore!.y, 'the viewport rect moved down with the view');

    // Dragging back to the first node's rect takes the view along.
    const first = await centre(mini.first());
    await page.mouse.move(target.x, target.y);
    await page.mouse.down();
    await page.mouse.move(first.x, first.y, { steps: 5 });
    await page.mouse.up();
    const top = await centre(main.first());
    assert.ok(Math.abs(top.x - middle.x) < 3 && Math.abs(top.y - middle.y) < 3, 'dragged to the first node');

    // In each theme the minimap's nodes and viewport stand out from its own background.
    const bodyClass = await view.locator('body').getAttribute('class');
    const start = (Object.keys(THEMES) as (keyof typeof THEMES)[]).find((t) =>
      bodyClass?.includes(THEMES[t].bodyClass),
    );
    const palettes = new Set<string>();
    for (const theme of ['light', 'high-contrast', 'dark'] as const) {
      await setTheme(page, theme);
      const themed = await viewer(page, 'cnn_digits28.onnx');
      await themed.locator(`body.${THEMES[theme].bodyClass}`).waitFor({ timeout: 30_000 });
      const [background, node, stroke] = await themed
        .locator('#graph-minimap')
        .evaluate((svg) => [
          getComputedStyle(svg).backgroundColor,
          getComputedStyle(svg.querySelector('.minimap-node') as Element).fill,
          getComputedStyle(svg.querySelector('.minimap-viewport') as Element).stroke,
        ]);
      assert.notEqual(node, background, `${theme}: nodes stand out`);
      assert.notEqual(stroke, background, `${theme}: the viewport outline stands out`);
      palettes.add(`${node} ${stroke} on ${background}`);
      await themed.locator('#graph-minimap').screenshot({ path: path.join(RESULTS, `e2e-graph-minimap-${theme}.png`) });
      await screenshot(page, `e2e-graph-minimap-${theme}-page`);
    }
    assert.equal(palettes.size, 3, `a palette per theme: ${[...palettes].join(' | ')}`);
    if (start && start !== 'dark') await setTheme(page, start);
  });

  it('arrow keys walk the graph and keep the selection in sight; Enter opens details, Escape closes them', async () => {
    await (await revealInExplorer(page, 'models', 'cnn_digits28.onnx')).dblclick();
    const view = await viewer(page, 'cnn_digits28.onnx');
    const service = new GraphService(loadModelGraph);
    const { graphId, initialExpanded } = await service.open(path.join(workspace, 'models', 'cnn_digits28.onnx'));
    const chain = service
      .view(graphId, initialExpanded)
      .nodes.sort((a, b) => a.y - b.y)
      .map((n) => n.id);
    const canvas = view.locator('#graph-canvas');
    const selected = view.locator('#graph-svg .graph-node.graph-selected');
    const selectedId = async () => ((await selected.count()) ? selected.getAttribute('data-id') : undefined);

    // Zoomed in near the top, most of the chain is out of sight.
    await view.locator('#graph-fit').click();
    const c = await centre(canvas);
    await page.mouse.move(c.x, c.y - 200);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
    await canvas.focus();
    for (let i = 0; i < chain.length; i++) await canvas.press('ArrowUp');
    assert.equal(await selectedId(), chain[0], 'Up stops at the input');
    await canvas.press('ArrowRight');
    assert.equal(await selectedId(), chain[0], 'nothing beside it: the selection stays');
    for (let i = 1; i < chain.length; i++) {
      await canvas.press('ArrowDown');
      assert.equal(await selectedId(), chain[i], `step ${i} follows the edge`);
      assert.ok(await inside(selected, canvas), `step ${i}: the selected node is scrolled into view`);
    }
    await canvas.press('ArrowDown');
    assert.equal(await selectedId(), chain[chain.length - 1], 'Down stops at the output');

    while ((await selectedId()) !== chain[1]) await canvas.press('ArrowUp');
    const conv = service.details(graphId, chain[1]);
    assert.equal(conv.op, 'Conv');
    await canvas.press('Enter');
    const details = view.locator('#graph-details');
    const heading = details.locator('h2');
    // An earlier test's details (a Gemm found by search) may still show until the Conv's replace them.
    await details.locator('h2', { hasText: 'Conv' }).waitFor({ timeout: 30_000 });
    assert.equal(await heading.innerText(), conv.name ? `Conv · ${conv.name}` : 'Conv');
    assert.ok(conv.name, 'the exporter named the node');
    await canvas.press('Escape');
    await heading.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await details.innerText(), '');
    await screenshot(page, 'e2e-graph-keyboard');
  });

  it('a graph input, its consumer and a weight open their details; the column takes room only while open', async () => {
    await (await revealInExplorer(page, 'models', 'cnn_digits28.onnx')).dblclick();
    const view = await viewer(page, 'cnn_digits28.onnx');
    const canvas = view.locator('#graph-canvas');
    const details = view.locator('#graph-details');
    const service = new GraphService(loadModelGraph);
    const { graphId } = await service.open(path.join(workspace, 'models', 'cnn_digits28.onnx'));
    const image = service.details(graphId, 'in:image');
    await canvas.focus();
    await canvas.press('Escape');
    await details.waitFor({ state: 'hidden', timeout: 10_000 });
    const wide = (await canvas.boundingBox())!.width;
    await view.locator('#graph-fit').click(); // an earlier test may have scrolled the input away

    await view.locator('#graph-svg .graph-node[data-id="in:image"]').click();
    await details.locator('h2', { hasText: 'image' }).waitFor({ timeout: 30_000 });
    const text = await details.innerText();
    assert.doesNotMatch(text, /No node with id/);
    assert.match(text, /Graph input/);
    assert.match(text, /Kind\s+input/);
    assert.match(text, new RegExp(`Type\\s+${image.tensor!.type}`));
    assert.match(text, /Shape\s+\[batch, 1, 28, 28\]/);
    assert.equal(image.tensor!.consumers.length, 1);
    assert.ok(wide - (await canvas.boundingBox())!.width >= 300, 'the details column takes its room back');
    await screenshot(page, 'e2e-graph-input-details');

    // The consumer link opens the Conv; its weight link opens the initializer with its histogram.
    const conv = image.tensor!.consumers[0];
    await details.locator(`.graph-link[data-node="${conv.id}"]`).click();
    await details.locator('h2', { hasText: `Conv · ${conv.name}` }).waitFor({ timeout: 30_000 });
    assert.equal(await view.locator('#graph-svg .graph-node.graph-selected').getAttribute('data-id'), conv.id);
    const convDetails = service.details(graphId, conv.id);
    const w = convDetails.weights.find((x) => x.dims.length === 4)!;
    await details.locator(`.graph-link[data-node="init:${w.name}"]`).click();
    await details.locator('h2', { hasText: w.name }).waitFor({ timeout: 30_000 });
    const initText = await details.innerText();
    assert.match(initText, /Initializer · weight tensor/);
    assert.match(initText, new RegExp(`Dims\\s+\\[${w.dims.join(', ')}\\]`));
    assert.match(initText, new RegExp(`Min\\s+${w.stats!.min.toPrecision(4).replace('.', '\\.')}`));
    const bars = details.locator('.graph-histogram-large rect');
    assert.equal(await bars.count(), w.histogram!.counts.length, 'a bar per bin');
    await screenshot(page, 'e2e-graph-initializer-details');
    await canvas.press('Escape');
    await details.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('Export PNG writes the whole view at 2x over the editor background', async () => {
    await (await revealInExplorer(page, 'models', 'cnn_digits28.onnx')).dblclick();
    const view = await viewer(page, 'cnn_digits28.onnx');
    const service = new GraphService(loadModelGraph);
    const { graphId, initialExpanded } = await service.open(path.join(workspace, 'models', 'cnn_digits28.onnx'));
    const layout = service.view(graphId, initialExpanded);
    // The editor background as a canvas paints it, whatever notation the theme variable uses.
    const background = await view.locator('body').evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      ctx.fillStyle = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim();
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    });

    const target = path.join(workspace, 'models', 'graph.png');
    rmSync(target, { force: true });
    await view.locator('#graph-export-png').click();
    await page.locator('.quick-input-widget input').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    // Wait for the whole file: a PNG ends with its IEND chunk.
    const complete = () => existsSync(target) && readFileSync(target).subarray(-8, -4).toString('latin1') === 'IEND';
    const t0 = Date.now();
    while (!complete() && Date.now() - t0 < 20_000) await page.waitForTimeout(200);
    const bytes = readFileSync(target);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.ok(bytes.length > 4_000 && bytes.length < 5_000_000, `plausible size: ${bytes.length} bytes`);
    const png = decodePng(bytes);
    const b = viewBounds(layout);
    assert.deepEqual([png.width, png.height], [2 * (b.width + 40), 2 * (b.height + 40)], 'labels included');
    assert.deepEqual(png.pixel(0, 0), background, 'the margin is the editor background');
    let drawn = 0;
    for (let y = 0; y < png.height; y += 2)
      for (let x = 0; x < png.width; x += 2)
        if (png.pixel(x, y).some((v, i) => Math.abs(v - background[i]) > 24)) drawn++;
    const share = drawn / (Math.ceil(png.width / 2) * Math.ceil(png.height / 2));
    assert.ok(share > 0.02 && share < 0.6, `nodes, edges and labels are drawn: ${(100 * share).toFixed(1)}% of pixels`);
  });
});
