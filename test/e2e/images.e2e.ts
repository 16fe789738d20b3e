// Image explanations in real VS Code: right-click the digits CNN -> Explain Model -> pick a picture -> Run;
// the map under the pointer matches the CLI's numbers for the same picture, the overlay exports as PNG,
// and the view is themed (screenshots in light, dark and high contrast, each checked for what it shows).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { Attribution } from '../../src/protocol/attributionTypes';
import { contextMenuCommand, e2eTarget, screenshot, setTheme, useWorkbench, webview } from './workbench';

const ROOT = path.resolve(__dirname, '../..');
const PICTURE = 'digit_3_1504.png';

function cliExplain(workspace: string): Attribution {
  const out = execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'dist', 'cli.js'),
      'explain',
      path.join(workspace, 'models', 'digits_cnn.onnx'),
      '--data',
      path.join(workspace, 'images', 'digits', PICTURE),
      '--json',
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Attribution;
}

/** Moves the pointer over pixel (x, y) of the map and reads the segment and value the view reports. */
async function hoverPixel(page: Page, view: FrameLocator, x: number, y: number, side: number) {
  const map = view.locator('#chart-heatmap svg.ml-heatmap');
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + ((x + 0.5) * box.width) / side, box.y + ((y + 0.5) * box.height) / side);
  await view.locator('#chart-heatmap svg.ml-heatmap[data-segment]').waitFor({ timeout: 10_000 });
  return {
    segment: Number(await map.getAttribute('data-segment')),
    value: Number(await map.getAttribute('data-value')),
  };
}

describe('image explanations', function () {
  this.timeout(300_000);
  const { workspace } = e2eTarget();
  let page!: Page;
  useWorkbench('images', (p) => (page = p));

  it('right-click the digits CNN, pick a picture, Run: the map matches the CLI, the overlay exports, themes show it', async () => {
    await contextMenuCommand(page, ['models', 'digits_cnn.onnx'], 'Explain Model');
    const view = await webview(page, 'digits_cnn.onnx');
    await view.locator('#tab-button-attributions').click();
    await view.locator('#attr-data').waitFor({ timeout: 60_000 });
    await view.locator('#attr-pick-data').click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: PICTURE }).first().click();
    // The pick reaches the form through the host: wait for it rather than read the field at once.
    const want = `../images/digits/${PICTURE}`;
    for (let i = 0; i < 100 && (await view.locator('#attr-data').inputValue()) !== want; i++)
      await page.waitForTimeout(100);
    assert.equal(await view.locator('#attr-data').inputValue(), want);
    await view
      .locator('#attr-plan')
      .filter({ hasText: /partition/ })
      .waitFor({ timeout: 60_000 });
    // A picture model's form has no Background rows or Link (they do not apply to blurred segments).
    assert.equal(await view.locator('#attr-background-size').isVisible(), false);
    assert.equal(await view.locator('#attr-link').isVisible(), false);
    assert.doesNotMatch((await view.locator('#attr-data').getAttribute('placeholder')) ?? '', /CSV/);
    await view.locator('#attr-run').click();
    await view.locator('#chart-heatmap svg.ml-heatmap').waitFor({ timeout: 120_000 });
    await view
      .locator('#attr-summary')
      .filter({ hasText: /1 (rows?|images?) of 1/ })
      .waitFor({ timeout: 60_000 });

    // The picture is a 3 and the thumbnail says so; the class picker explains it.
    const cli = cliExplain(workspace);
    assert.equal(cli.output_columns[cli.targets![0][0]], '3');
    await view.locator('#img-thumb-0').filter({ hasText: '3' }).waitFor({ timeout: 10_000 });

    // Under the pointer: the strongest pixels' segments and values are the CLI's.
    const map = cli.pixel_values![0][0];
    const order = Array.from(map.keys()).sort((a, b) => Math.abs(map[b]) - Math.abs(map[a]));
    for (const p of [order[0], order[10], order[100]]) {
      const x = p % 28;
      const y = Math.floor(p / 28);
      const shown = await hoverPixel(page, view, x, y, 28);
      const segment = cli.segment_map![0][p];
      assert.equal(shown.segment, segment, `pixel (${x}, ${y})`);
      const value = cli.values[0][segment][0];
      assert.ok(Math.abs(shown.value - value) <= 1e-9 * Math.max(1, Math.abs(value)), `${shown.value} vs ${value}`);
    }
    await page.mouse.move(0, 0);

    // Fitted to the panel, not 28 px: square, enlarged, pixelated; 1x and 4x are exact, the readout is the input's pixel.
    const svgBox = async () => (await view.locator('#chart-heatmap svg.ml-heatmap').boundingBox())!;
    const fit = await svgBox();
    assert.ok(fit.width > 4 * 28 && Math.abs(fit.width - fit.height) < 1.5, `fitted ${fit.width}x${fit.height}`);
    assert.ok(await view.locator('#chart-heatmap .ml-image-stack.ml-pixelated').count());
    for (const [zoom, side] of [
      ['1', 28],
      ['4', 112],
    ] as const) {
      await view.locator('#img-zoom').selectOption(zoom);
      await view.locator(`#chart-heatmap .ml-image-stack[data-scale="${zoom}"]`).waitFor({ timeout: 10_000 });
      const box = await svgBox();
      assert.ok(Math.abs(box.width - side) < 1.5 && Math.abs(box.height - side) < 1.5, `${zoom}x: ${box.width}`);
    }
    const p0 = order[0];
    await hoverPixel(page, view, p0 % 28, Math.floor(p0 / 28), 28);
    const heat = view.locator('#chart-heatmap svg.ml-heatmap');
    assert.deepEqual(
      [Number(await heat.getAttribute('data-x')), Number(await heat.getAttribute('data-y'))],
      [p0 % 28, Math.floor(p0 / 28)],
    );
    assert.match(await view.locator('#chart-heatmap .ml-tooltip').innerText(), /pixel \(\d+, \d+\) of 28×28/);
    await page.mouse.move(0, 0);
    await view.locator('#img-zoom').selectOption('fit');

    // The overlay as PNG through the save dialog, next to the model.
    const models = path.join(workspace, 'models');
    for (const f of readdirSync(models)) if (f.endsWith('-overlay.png')) rmSync(path.join(models, f));
    await view.locator('#img-export-png').click();
    await page.locator('.quick-input-widget input').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    let saved: string | undefined;
    for (let i = 0; i < 100 && !saved; i++) {
      saved = readdirSync(models).find((f) => f.endsWith('-overlay.png'));
      if (!saved) await page.waitForTimeout(100);
    }
    assert.ok(saved, 'an overlay PNG lands next to the model');
    const png = readFileSync(path.join(models, saved));
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');

    // Themed: each screenshot shows the map, its legend and the curves' areas.
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await setTheme(page, theme);
      await view.locator('#chart-heatmap canvas.ml-overlay').waitFor({ timeout: 10_000 });
      assert.match(await view.locator('#section-curves').innerText(), /deletion area/);
      assert.ok((await view.locator('#chart-heat-legend svg').count()) === 1);
      await screenshot(page, `images-${theme}`);
    }
    await setTheme(page, 'dark');
    assert.ok(existsSync(path.join(models, 'digits_cnn.onnx.lens.json')));
  });
});
