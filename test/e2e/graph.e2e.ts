import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { GraphService } from '../../src/engine/graph/graphService';
import { loadModelGraph } from '../../src/engine/graph/loadModelGraph';
import { searchGraph } from '../../webview/graph/model';
import { e2eTarget, launch, openWorkbench, revealInExplorer, screenshot } from './workbench';

/** The model viewer's document: the custom editor's webview shows the model title like the panel. */
async function viewer(page: Page, title: string): Promise<FrameLocator> {
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
    if (Date.now() - t0 > 60_000) throw new Error(`no graph shows ${title}`);
    await page.waitForTimeout(250);
  }
}

describe('architecture graph in the model viewer', () => {
  const { port, workspace } = e2eTarget();
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launch();
    page = await openWorkbench(browser, workspace, port);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, 'failed-graph');
  });
  after(async () => {
    await browser?.close();
  });

  it('double-click opens the graph; search finds a node; its details show; SVG export lands on disk', async () => {
    const row = await revealInExplorer(page, 'models', 'cnn_digits28.onnx');
    await row.dblclick();
    const view = await viewer(page, 'cnn_digits28.onnx');
    const nodes = view.locator('#graph-svg .graph-node');
    await nodes.first().waitFor({ timeout: 60_000 });
    assert.equal(await view.locator('#graph-svg .graph-node.cat-conv').count(), 2, 'two Conv layers');
    assert.ok(
      (await view.locator('.graph-edge-label', { hasText: '[batch, 1, 28, 28]' }).count()) >= 1,
      'shapes on edges',
    );

    // The engine's own index, searched the same way, says how many matches the tab must report.
    const service = new GraphService(loadModelGraph);
    const { index } = await service.open(path.join(workspace, 'models', 'cnn_digits28.onnx'));
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
  });

  it('an If node of Silero VAD expands inline and collapses again', async () => {
    const row = await revealInExplorer(page, 'models', 'silero_vad.onnx');
    await row.dblclick();
    const view = await viewer(page, 'silero_vad.onnx');
    const groups = view.locator('#graph-svg .graph-node.cat-control');
    await groups.first().waitFor({ timeout: 60_000 });
    const before = await view.locator('#graph-svg .graph-node').count();
    const id = (await groups.first().getAttribute('data-id')) as string;
    await groups.first().click();
    await view.locator(`#graph-svg .graph-frame[data-id="${id}"]`).waitFor({ timeout: 30_000 });
    const after = await view.locator('#graph-svg .graph-node').count();
    assert.ok(after > before, `expanding shows the body: ${before} -> ${after} items`);
    await view.locator('#graph-fit').click();
    await screenshot(page, 'e2e-graph-silero');
    await view.locator(`#graph-svg .graph-frame-label[data-id="${id}"]`).click();
    await view.locator(`#graph-svg .graph-frame[data-id="${id}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await view.locator('#graph-svg .graph-node').count(), before);
  });
});
