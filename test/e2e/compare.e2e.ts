import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { runCompareJob } from '../../src/engine/compare/compareJob';
import { OrtBackend } from '../../src/engine/runtime/ortBackend';
import { metricPairs } from '../../src/protocol/compareHeadline';
import { formatNumber, metricRow } from '../../webview/compare/model';
import {
  contextMenuCommand,
  e2eTarget,
  revealInExplorer,
  runCommand,
  screenshot,
  useWorkbench,
  webview,
} from './workbench';

describe('Compare Selected Models and the time overlay', () => {
  const { workspace } = e2eTarget();
  let page!: Page;
  useWorkbench('compare', (p) => (page = p));

  it('two models selected in the Explorer -> Compare Selected Models: both overviews, differences marked, then on data', async () => {
    await page.keyboard.press('Escape');
    const a = await revealInExplorer(page, 'models', 'mlp_wine.onnx');
    const b = await revealInExplorer(page, 'models', 'mlp_wine_int8.onnx');
    const item = page.getByRole('menuitem', { name: 'Compare Selected Models', exact: true });
    // The menu item appears once the extension's menus are scanned: select both again and retry.
    for (let i = 0; ; i++) {
      await a.click();
      await b.click({ modifiers: ['Control'] });
      await b.click({ button: 'right' });
      try {
        await item.waitFor({ timeout: 2000 });
        break;
      } catch (e) {
        if (i > 30) throw e;
        await page.keyboard.press('Escape');
      }
    }
    await item.click();
    await page.waitForTimeout(300);
    if (await item.isVisible()) await item.press('Enter');

    const view = await webview(page, 'mlp_wine.onnx vs mlp_wine_int8.onnx');
    const facts = view.locator('#compare-facts tbody tr');
    await facts.first().waitFor({ timeout: 60_000 });
    const size = await view.locator('#compare-facts tr', { hasText: 'Size on disk' }).locator('td').allInnerTexts();
    assert.deepEqual(size, ['Size on disk (bytes)', '7,900', '5,094', '-35.5%']);
    assert.equal(await view.locator('#compare-facts tr.changed', { hasText: 'Size on disk' }).count(), 1);
    assert.equal(await view.locator('#compare-facts tr.changed', { hasText: 'FLOPs' }).count(), 0, 'same FLOPs');
    assert.deepEqual(
      await view.locator('#compare-ops tr.added', { hasText: 'MatMulInteger' }).locator('td').allInnerTexts(),
      ['MatMulInteger', '0', '3', 'added'],
    );
    assert.equal(await view.locator('#compare-ops tr.removed', { hasText: 'Gemm' }).count(), 1);
    assert.match(await view.locator('#compare-compatibility').innerText(), /Inputs compatible, outputs compatible/);

    await view.locator('#compare-data').fill('../data/wine.csv');
    await view.locator('#compare-label').fill('cultivar');
    await view.locator('#compare-run').click();
    const dataFacts = view.locator('#compare-data-facts');
    await dataFacts.waitFor({ timeout: 120_000 });
    // The same comparison made here, on the same files, gives the numbers the panel shows.
    const env = {
      readFile: (f: string) => readFile(f),
      backend: (p: string) => OrtBackend.create(p),
    };
    const r = await runCompareJob(
      env,
      path.join(workspace, 'models', 'mlp_wine.onnx'),
      path.join(workspace, 'models', 'mlp_wine_int8.onnx'),
      { data: path.join(workspace, 'data', 'wine.csv'), label: 'cultivar', importanceRows: 0 },
    );
    const agreement = await view
      .locator('#compare-data-facts tr', { hasText: 'Agreement' })
      .locator('td')
      .allInnerTexts();
    assert.equal(agreement[1], formatNumber(r.agreement));
    const max = await view.locator('#compare-data-facts tr', { hasText: 'max |A - B|' }).locator('td').allInnerTexts();
    assert.equal(Number(max[1]).toPrecision(2), r.max_abs_diff!.probabilities.toPrecision(2));
    assert.ok(Number(max[1]) > 0);
    assert.equal(await view.locator('#compare-importance tbody tr').count(), 13, 'importance of all 13 features');
    // Both models' evaluation side by side: each row as computed here, the changed ones marked better or worse.
    const expected = metricPairs(r).map(metricRow);
    const metricRows = view.locator('#compare-metrics tbody tr');
    assert.equal(await metricRows.count(), expected.length);
    for (const [i, m] of expected.entries()) {
      const row = metricRows.nth(i);
      assert.deepEqual(await row.locator('th, td').allInnerTexts(), [m.label, m.a, m.b, m.change ?? '']);
      const cls = (await row.getAttribute('class')) ?? '';
      assert.equal(cls.includes('changed'), m.changed, `${m.label}: changed`);
      if (m.changed) assert.ok(cls.includes(m.verdict!), `${m.label}: ${m.verdict}`);
    }
    assert.ok(
      expected.some((m) => m.changed),
      'the int8 copy changes at least one metric (log loss, Brier)',
    );
    await screenshot(page, 'e2e-compare-wine-int8');
  });

  it('the comparison panel comes back after a window reload', async () => {
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForLoadState('load');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const view = await webview(page, 'mlp_wine.onnx vs mlp_wine_int8.onnx');
    await view.locator('#compare-ops tr.added', { hasText: 'MatMulInteger' }).waitFor({ timeout: 60_000 });
    assert.equal(await view.locator('#compare-data').inputValue(), '../data/wine.csv');
  });

  it('Profile Model, then the Graph tab: nodes coloured by their share of the time; a table row reveals its node', async () => {
    await contextMenuCommand(page, ['models', 'cnn_digits28.onnx'], 'Explain Model');
    const view = await webview(page, 'cnn_digits28.onnx');
    await view.locator('#profile-run').waitFor({ timeout: 60_000 });
    await view.locator('#profile-batches').fill('8');
    await view.locator('#profile-runs').fill('5');
    await view.locator('#profile-run').click();
    await view.locator('#profile-result #profile-latency tbody tr').waitFor({ timeout: 120_000 });
    assert.equal(await view.locator('#profile-result #profile-latency tbody tr td').first().innerText(), '8');

    await view.locator('#tab-button-graph').click();
    const rows = view.locator('#graph-slowest-table tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    const timed = view.locator('#graph-svg .graph-node.graph-timed');
    await timed.first().waitFor({ timeout: 30_000 });
    // The slowest shown item is drawn at full strength, and every coloured node says its share.
    const shares = await timed.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-time-share'))));
    assert.ok(shares.length >= 2 && shares.every((s) => s > 0 && s <= 1), JSON.stringify(shares));
    // Sort by operator, then click a Conv row: its node opens in the details.
    await view.locator('#graph-slowest-table th[data-key="op"]').click();
    const conv = view.locator('#graph-slowest-table tbody tr.clickable', { hasText: 'Conv' }).first();
    const id = await conv.getAttribute('data-node-id');
    await conv.click();
    await view.locator('#graph-details h2', { hasText: 'Conv' }).waitFor({ timeout: 30_000 });
    assert.equal(await view.locator(`#graph-svg .graph-node.graph-selected[data-id="${id}"]`).count(), 1);
    await screenshot(page, 'e2e-graph-time-overlay');
  });

  it('Profile on data: the Performance section takes its inputs from a table named beside the model', async () => {
    await contextMenuCommand(page, ['models', 'mlp_wine.onnx'], 'Explain Model');
    const view = await webview(page, 'mlp_wine.onnx');
    await view.locator('#profile-run').waitFor({ timeout: 60_000 });
    await view.locator('#profile-batches').fill('8');
    await view.locator('#profile-runs').fill('5');
    await view.locator('#profile-data').fill('../data/wine.csv');
    await view.locator('#profile-run').click();
    const inputs = view.locator('#profile-facts tr', { hasText: 'Inputs' });
    await inputs.waitFor({ timeout: 120_000 });
    assert.match(await inputs.innerText(), /\[8, 13\] \(data\)/);
  });
});
