// Sequence explanations in real VS Code: right-click the demo's knock detector -> Explain Model -> Run on the
// recordings its sidecar names; every band under the drawn signal is the CLI's window (steps and value) for the
// same recording, the bands sum to f(x) - f(every window hidden), and the view is themed (screenshots in light,
// dark and high contrast).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { Attribution } from '../../src/protocol/attributionTypes';
import { contextMenuCommand, e2eTarget, screenshot, setTheme, useWorkbench, webview } from './workbench';

const ROOT = path.resolve(__dirname, '../..');

function cliExplain(workspace: string): Attribution {
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, 'dist', 'cli.js'), 'explain', path.join(workspace, 'sequence', 'knock_detector.onnx'), '--json'],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Attribution;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** The bands drawn for the row on show: window, steps and value as the view wrote them on each band. */
async function drawnBands(view: FrameLocator) {
  const bands = view.locator('#chart-signal .ml-band');
  const out: { window: number; start: number; end: number; value: number; cls: string }[] = [];
  for (let i = 0; i < (await bands.count()); i++) {
    const b = bands.nth(i);
    out.push({
      window: Number(await b.getAttribute('data-window')),
      start: Number(await b.getAttribute('data-start')),
      end: Number(await b.getAttribute('data-end')),
      value: Number(await b.getAttribute('data-value')),
      cls: (await b.getAttribute('class')) ?? '',
    });
  }
  return out;
}

/** The row's bands against the CLI's windows and values for the class it explained first. */
async function checkRow(view: FrameLocator, cli: Attribution, row: number): Promise<void> {
  const windows = cli.windows![row];
  const bands = await drawnBands(view);
  assert.equal(bands.length, windows.length, `row ${row}: one band per window`);
  let sum = 0;
  for (const [w, band] of bands.entries()) {
    assert.equal(band.window, w);
    assert.deepEqual([band.start, band.end], windows[w], `row ${row} window ${w}: its steps`);
    const value = cli.values[row][w][0];
    assert.ok(close(band.value, value), `row ${row} window ${w}: ${band.value} vs ${value}`);
    // Red up, blue down.
    const side = value > 0 ? 'ml-band-positive' : value < 0 ? 'ml-band-negative' : 'ml-band-zero';
    assert.match(band.cls, new RegExp(side));
    sum += band.value;
  }
  // Efficiency: the windows add up to f(x) - f(every window hidden).
  const k = cli.targets![row][0];
  const base = (cli.row_base_values?.[row] ?? cli.base_values)[k];
  assert.ok(Math.abs(sum - (cli.predictions[row][k] - base)) < 1e-6, `row ${row}: bands sum ${sum}`);
}

describe('sequence explanations', function () {
  this.timeout(300_000);
  const { workspace } = e2eTarget();
  let page!: Page;
  useWorkbench('sequence', (p) => (page = p));

  it('right-click the knock detector, Run: every band under the signal is the CLI’s window and value', async () => {
    await contextMenuCommand(page, ['sequence', 'knock_detector.onnx'], 'Explain Model');
    const view = await webview(page, 'knock_detector.onnx');
    await view.locator('#tab-button-attributions').click();
    // The sidecar names the recordings: the plan is ready without picking anything.
    await view
      .locator('#attr-plan')
      .filter({ hasText: /partition/ })
      .waitFor({ timeout: 60_000 });
    await view.locator('#attr-run').click();
    await view
      .locator('#attr-summary')
      .filter({ hasText: /4 sequences of 4/ })
      .waitFor({ timeout: 120_000 });
    await view.locator('#chart-signal svg .ml-signal-line').first().waitFor({ timeout: 30_000 });

    const cli = cliExplain(workspace);
    assert.equal(cli.kind, 'sequence');
    assert.deepEqual(cli.rows, [0, 1, 2, 3]);
    // Recording 0 has a knock at steps 30-35: the detector says knock, and the strongest band covers it.
    assert.equal(cli.output_columns[cli.targets![0][0]], 'knock');
    await checkRow(view, cli, 0);
    const bands0 = await drawnBands(view);
    const strongest = [...bands0].sort((a, b) => Math.abs(b.value) - Math.abs(a.value))[0];
    assert.ok(strongest.start <= 35 && strongest.end > 30, `strongest band ${strongest.start}-${strongest.end}`);
    // Three axes drawn as three lines.
    assert.equal(await view.locator('#chart-signal .ml-signal-line').count(), 3);
    assert.match(await view.locator('#section-signal h3').innerText(), /knock/);

    // Recording 2 (a knock at steps 90-95) through the row buttons: its bands are the CLI's too.
    await view.locator('#seq-row-2').click();
    await view.locator('#seq-row-2[aria-pressed="true"]').waitFor({ timeout: 10_000 });
    await checkRow(view, cli, 2);

    // Hovering a band shows its steps and value.
    const band = view.locator('#chart-signal .ml-band[data-window="11"]');
    await band.hover();
    await view.locator('#chart-signal .ml-tooltip:not([hidden])').waitFor({ timeout: 10_000 });
    assert.match(await view.locator('#chart-signal .ml-tooltip').innerText(), /steps 88–95/);
    await page.mouse.move(0, 0);

    await view.locator('#seq-row-0').click();
    await view.locator('#seq-row-0[aria-pressed="true"]').waitFor({ timeout: 10_000 });
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await setTheme(page, theme);
      // The view redraws for the new theme: let it settle before bringing the signal into sight.
      await page.waitForTimeout(500);
      await view.locator('#chart-signal .ml-band').first().waitFor({ timeout: 10_000 });
      assert.match(await view.locator('#section-curves').innerText(), /deletion area/);
      await view.locator('#section-signal').scrollIntoViewIfNeeded();
      await screenshot(page, `sequence-${theme}`);
    }
    await setTheme(page, 'dark');
  });
});
