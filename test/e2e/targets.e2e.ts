// Outputs that are not class scores, and recordings, in real VS Code: PaddleOCR's text detector explained
// through a region of its probability map is titled as that region with its sum (never class "0" with a
// percentage), and Silero VAD on a WAV reads its windows in seconds, with a note that its recurrent state
// starts from zeros for each chunk.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ppocrTextDetector } from '../support/thirdPartyImages';
import { contextMenuCommand, e2eTarget, screenshot, useWorkbench, webview } from './workbench';

const ROOT = path.resolve(__dirname, '../..');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);
const RATE = 16000;

describe('output targets and recordings', function () {
  this.timeout(300_000);
  const { workspace } = e2eTarget();
  const folder = path.join(workspace, 'targets');
  let page!: Page;
  // Written before the workbench opens, so the explorer lists them.
  before(async () => {
    mkdirSync(folder, { recursive: true });
    const det = await ppocrTextDetector();
    copyFileSync(det.path, path.join(folder, 'ppocr_det.onnx'));
    copyFileSync(fixture('images', 'textline_192x48.png'), path.join(folder, 'textline.png'));
    const sidecar = (name: string, body: object) =>
      writeFileSync(path.join(folder, `${name}.lens.json`), JSON.stringify({ version: 1, ...body }));
    sidecar('ppocr_det.onnx', {
      data: 'textline.png',
      samples: 60,
      image: { ...det.image, size: [64, 192] },
    });
    copyFileSync(path.join(workspace, 'models', 'silero_vad.onnx'), path.join(folder, 'vad.onnx'));
    copyFileSync(fixture('audio', 'hello_16k.wav'), path.join(folder, 'hello.wav'));
    sidecar('vad.onnx', { data: 'hello.wav', method: 'occlusion', sequence: { length: 512 } });
  });
  useWorkbench('targets', (p) => (page = p));

  it('PaddleOCR text detector, region target: the map is titled as the region with its sum, no percentage', async () => {
    await contextMenuCommand(page, ['targets', 'ppocr_det.onnx'], 'Explain Model');
    const view = await webview(page, 'ppocr_det.onnx');
    await view.locator('#tab-button-attributions').click();
    // The output map: the detector's probability map for the picture; drag rows 16-47, columns 0-95 on it.
    await view.locator('#attr-output-map').click();
    const map = view.locator('#output-map-svg');
    await map.waitFor({ timeout: 90_000 });
    // The picture is named by its file, not its folder on disk.
    assert.match(await view.locator('#output-map-body .hint').first().innerText(), /for textline\.png\./);
    const bounds = (await map.boundingBox())!;
    const scale = bounds.width / 192;
    assert.ok(Math.abs(bounds.height / scale - 64) < 0.5, `map ${bounds.width}x${bounds.height}`);
    const cell = (row: number, column: number) => [bounds.x + (column + 0.5) * scale, bounds.y + (row + 0.5) * scale];
    const [x0, y0] = cell(16, 0);
    const [x1, y1] = cell(47, 95);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
    await page.mouse.move(x1, y1, { steps: 4 });
    await page.mouse.up();
    assert.equal(await view.locator('#attr-target').inputValue(), 'region:16,0,48,96');
    const chosen = await view.locator('#output-map-choice').innerText();
    assert.match(chosen, /sum of output 'sigmoid_0\.tmp_0' over rows 16-47, columns 0-95 = /);
    await screenshot(page, 'targets-ppocr-output-map');
    await view
      .locator('#attr-plan')
      .filter({ hasText: /evaluations/ })
      .waitFor({ timeout: 90_000 });
    await view.locator('#attr-run').click();
    await view.locator('#chart-heatmap svg.ml-heatmap').waitFor({ timeout: 180_000 });
    await view
      .locator('#attr-summary')
      .filter({ hasText: /1 (rows?|images?) of 1/ })
      .waitFor({ timeout: 120_000 });
    const title = await view.locator('#section-heatmap h3').innerText();
    assert.match(title, /sum of output 'sigmoid_0\.tmp_0' over rows 16-47, columns 0-95/);
    const thumb = await view.locator('#section-thumbs').innerText();
    const reading = await view.locator('.ml-image-reading').innerText();
    for (const text of [title, thumb, reading]) assert.doesNotMatch(text, /%/, text);
    assert.doesNotMatch(thumb, /most probable classes/);
    // The value under the thumbnail is the region's sum: 32 x 96 probabilities, so between 0 and 3072.
    const value = Number((await view.locator('.ml-thumb-prob').first().innerText()).replace(/,/g, ''));
    assert.ok(value >= 0 && value <= 32 * 96, `region sum ${value}`);
    // The run explains the very sum the map showed for the box (4 significant digits on both).
    const shown = Number(/ = (-?[\d.]+(?:e[-+]?\d+)?)\. Run/.exec(chosen)?.[1]);
    assert.ok(Math.abs(shown - value) <= 1e-3 * Math.max(1, value), `map ${shown} vs run ${value}`);
    assert.match(reading, /Red raises the sum of output/);
    await screenshot(page, 'targets-ppocr-region');
  });

  it('Silero VAD on a WAV: windows in seconds (sample / rate), and the plan says state is reset per chunk', async () => {
    await contextMenuCommand(page, ['targets', 'vad.onnx'], 'Explain Model');
    const view = await webview(page, 'vad.onnx');
    await view.locator('#tab-button-attributions').click();
    // The model's output over the whole recording, one point per 512-sample chunk: click chunk 11 to explain it.
    await view.locator('#attr-output-map').click();
    await view.locator('#chart-output-line circle.ml-chunk').first().waitFor({ timeout: 90_000 });
    assert.match(
      await view.locator('#output-map-note').innerText(),
      /recurrent state is reset to zeros for each chunk; the model's streaming output may differ/,
    );
    assert.match((await view.locator('#chart-output-line .ml-axis-label').textContent()) ?? '', /time \(s, 16000 Hz\)/);
    await view.locator('#chart-output-line circle[data-chunk="11"]').click();
    assert.equal(await view.locator('#attr-rows').inputValue(), '11');
    await view.locator('#chart-output-line circle[data-chunk="11"].picked').waitFor({ timeout: 10_000 });
    await screenshot(page, 'targets-vad-output-line');
    await view
      .locator('#attr-plan')
      .filter({ hasText: /occlusion/ })
      .waitFor({ timeout: 90_000 });
    await view.locator('#attr-run').click();
    await view.locator('#chart-signal .ml-band').first().waitFor({ timeout: 180_000 });
    // The plan's notes appear once the run finishes.
    await view
      .locator('#attr-messages p')
      .filter({ hasText: /recurrent state is reset to zeros for each chunk; the model's streaming output may differ/ })
      .waitFor({ timeout: 60_000 });
    assert.match((await view.locator('#chart-signal .ml-axis-label').textContent()) ?? '', /time \(s, 16000 Hz\)/);
    const band = view.locator('#chart-signal .ml-band').nth(1);
    const start = Number(await band.getAttribute('data-start'));
    await band.hover();
    await view.locator('#chart-signal .ml-tooltip:not([hidden])').waitFor({ timeout: 10_000 });
    const tip = await view.locator('#chart-signal .ml-tooltip').innerText();
    const m = /(\d+\.\d+)–(\d+\.\d+) s \(samples (\d+)–(\d+)\)/.exec(tip);
    assert.ok(m, tip);
    // Row 11 is samples 5632-6143 of the recording: its band starts at sample 5632 + start.
    assert.equal(Number(m[3]), 5632 + start);
    assert.ok(Math.abs(Number(m[1]) - Number(m[3]) / RATE) <= 1e-4, tip);
    await page.mouse.move(0, 0);
    await screenshot(page, 'targets-vad-seconds');
  });
});
