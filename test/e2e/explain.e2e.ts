import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { OrtBackend } from '../../src/engine/runtime/ortBackend';
import { previewValues, sampleTensor } from '../../src/engine/runtime/sampleInput';
import { formatValue } from '../../webview/explain/model';
import { contextMenuCommand, e2eTarget, runCommand, screenshot, useWorkbench, webview } from './workbench';

describe('Explain Model from the Explorer context menu', () => {
  const { workspace } = e2eTarget();
  let page!: Page;
  useWorkbench('explain', (p) => (page = p));

  it('right-click mlp_diabetes.onnx -> Explain Model shows its inputs and outputs; Run once shows the values onnxruntime computes', async () => {
    await contextMenuCommand(page, ['models', 'mlp_diabetes.onnx'], 'Explain Model');
    const view = await webview(page, 'mlp_diabetes.onnx');
    await view.locator('#inputs tbody tr').first().waitFor({ timeout: 60_000 });
    assert.equal(await view.locator('#model-title').innerText(), 'mlp_diabetes.onnx');
    assert.deepEqual(await view.locator('#inputs tbody tr').first().locator('td').allInnerTexts(), [
      'input',
      'tensor(float32)',
      '[batch, 10]',
    ]);
    assert.deepEqual(await view.locator('#outputs tbody tr').first().locator('td').allInnerTexts(), [
      'logits',
      'tensor(float32)',
      '[batch, 2]',
    ]);

    await view.locator('#run-once').click();
    const row = view.locator('#run-outputs tbody tr').first();
    await row.waitFor({ timeout: 60_000 });
    const [name, shape, type, values] = await row.locator('td').allInnerTexts();
    assert.deepEqual([name, shape, type], ['logits', '[1, 2]', 'float32']);

    // The same generated input, run here on onnxruntime, must give the values the panel shows.
    const backend = await OrtBackend.create(path.join(workspace, 'models', 'mlp_diabetes.onnx'));
    const out = await backend.run({ input: sampleTensor(backend.inputs[0], { defaultDimSize: 1 }) }, ['logits']);
    await backend.dispose();
    assert.equal(values, previewValues(out.logits.data, 8).map(formatValue).join(', '));
    assert.match(
      await view.locator('#run-time').innerText(),
      /^Ran in [\d.]+ (µs|ms|s) on input input \[1, 10\] float32$/,
    );
    // The structure, read by Model Lens's own reader, agrees with the CLI on the same file.
    const facts = view.locator('#summary-facts');
    await facts.waitFor({ timeout: 30_000 });
    const text = await facts.innerText();
    assert.match(text, /Opsets\s+ai\.onnx 13/);
    const bars = await view.locator('#summary-ops .op-bar').count();
    const { readModelFile } = await import('../../src/engine/onnx/loadFile');
    const { summarize } = await import('../../src/engine/onnx/summary');
    const summary = summarize((await readModelFile(path.join(workspace, 'models', 'mlp_diabetes.onnx'))).model);
    assert.equal(bars, Object.keys(summary.op_histogram).length);
    assert.match(text, new RegExp(`Parameters\\s+${summary.parameters.toLocaleString('en-US')} in initializers`));
    await screenshot(page, 'e2e-explain-mlp');
  });

  it('a third-party model (Silero VAD: three inputs, unnamed free dims, If subgraphs) runs once its sizes are set', async () => {
    await contextMenuCommand(page, ['models', 'silero_vad.onnx'], 'Explain Model');
    const view = await webview(page, 'silero_vad.onnx');
    await view.locator('#inputs tbody tr').first().waitFor({ timeout: 60_000 });
    assert.deepEqual(await view.locator('#inputs tbody tr td:first-child').allInnerTexts(), ['input', 'state', 'sr']);

    // With every free dimension at 1 the model cannot run: the panel says why and where.
    await view.locator('#run-once').click();
    const error = view.locator('#run-result .error');
    await error.waitFor({ timeout: 60_000 });
    assert.match(
      await error.innerText(),
      /^silero_vad\.onnx: the model failed on the generated input \(input \[1, 1\]/,
    );
    // The panel holds the error; the window says it briefly in the status bar, never in a toast that stays.
    const status = page.locator('#workbench\\.parts\\.statusbar', { hasText: 'silero_vad.onnx' });
    await status.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.notification-toast', { hasText: 'silero_vad.onnx' }).count(), 0);
    await status.waitFor({ state: 'detached', timeout: 20_000 });

    // A 512-sample window at 16 kHz is what the model expects.
    await view.locator('#run-fields input[data-key="input[1]"]').fill('512');
    await view.locator('#run-fields input[data-key="sr"]').fill('16000');
    await view.locator('#run-once').click();
    const rows = view.locator('#run-outputs tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    const cells = await Promise.all((await rows.all()).map((r) => r.locator('td').allInnerTexts()));
    assert.deepEqual(
      cells.map(([name, shape]) => [name, shape]),
      [
        ['output', '[1, 1]'],
        ['stateN', '[2, 1, 128]'],
      ],
    );
    const probability = Number(cells[0][3]);
    assert.ok(probability >= 0 && probability <= 1, `a speech probability: ${cells[0][3]}`);
    await screenshot(page, 'e2e-explain-silero');
  });

  it('the panel comes back after a window reload, with its model and free-dimension choices', async () => {
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForLoadState('load');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const view = await webview(page, 'silero_vad.onnx');
    await view.locator('#inputs tbody tr').first().waitFor({ timeout: 60_000 });
    assert.equal(await view.locator('#run-fields input[data-key="input[1]"]').inputValue(), '512');
    assert.equal(await view.locator('#run-fields input[data-key="sr"]').inputValue(), '16000');
  });

  it('random bytes named .onnx: the panel and a notification name the file and the cause', async () => {
    await contextMenuCommand(page, ['bad', 'random.onnx'], 'Explain Model');
    const view = await webview(page, 'random.onnx');
    const error = view.locator('#error');
    await error.waitFor({ timeout: 60_000 });
    assert.match(await error.innerText(), /^random\.onnx: not a valid ONNX model/);
    const toast = page.locator('.notification-toast', { hasText: 'random.onnx' });
    await toast.first().waitFor({ timeout: 20_000 });
    assert.match(await toast.first().innerText(), /Model Lens: random\.onnx: not a valid ONNX model/);
    await screenshot(page, 'e2e-bad-random');
  });
});
