// A workspace that asks before Model Lens writes a sidecar (the default; the other suites' user settings answer
// "always"): the first run that would create one asks in a notification, nothing is written before the answer,
// and "Not now" writes nothing and is remembered for that model.

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { contextMenuCommand, e2eTarget, screenshot, useWorkbench, webview } from './workbench';

describe('asking before a sidecar is written', function () {
  this.timeout(300_000);
  const { workspace } = e2eTarget();
  const settingsDir = path.join(workspace, '.vscode');
  const settings = path.join(settingsDir, 'settings.json');
  const model = path.join(workspace, 'models', 'ask_wine.onnx');
  const sidecar = `${model}.lens.json`;
  let madeDir = false;
  // Written before this suite's window opens, so the workspace's setting is in force from its start.
  before(() => {
    madeDir = !existsSync(settingsDir);
    mkdirSync(settingsDir, { recursive: true });
    writeFileSync(settings, JSON.stringify({ 'modelLens.saveSidecar': 'ask' }));
    copyFileSync(path.join(workspace, 'models', 'mlp_wine.onnx'), model);
  });
  let page!: Page;
  useWorkbench('sidecar-consent', (p) => (page = p));
  after(() => {
    rmSync(madeDir ? settingsDir : settings, { recursive: true, force: true });
    rmSync(model, { force: true });
    rmSync(sidecar, { force: true });
  });

  it('the first run asks before writing one, and Not now writes nothing and is remembered', async () => {
    await contextMenuCommand(page, ['models', 'ask_wine.onnx'], 'Explain Model');
    const view = await webview(page, 'ask_wine.onnx');
    await view.locator('#tab-button-attributions').click();
    await view.locator('#attr-data').waitFor({ timeout: 60_000 });
    const run = async (rows: string) => {
      await view.locator('#attr-data').fill('../data/wine.csv');
      await view.locator('#attr-data').dispatchEvent('change');
      await view.locator('#attr-rows').fill(rows);
      await view.locator('#attr-rows').dispatchEvent('change');
      await view
        .locator('#attr-plan')
        .filter({ hasText: /kernel.* 3 rows/ })
        .waitFor({ timeout: 60_000 });
      await view.locator('#attr-run').click();
      await view.locator('#chart-bar g.bar').first().waitFor({ timeout: 120_000 });
    };
    await run('0-2');
    const question = page.locator('.notification-toast', { hasText: 'ask_wine.onnx.lens.json' });
    await question.first().waitFor({ timeout: 30_000 });
    assert.ok(!existsSync(sidecar), 'nothing written before the answer');
    await screenshot(page, 'sidecar-consent-question');
    await question.first().getByRole('button', { name: 'Not now' }).click();
    await page
      .waitForFunction(
        () =>
          ![...document.querySelectorAll('.notification-toast')].some((t) =>
            t.textContent?.includes('ask_wine.onnx.lens.json'),
          ),
        undefined,
        { timeout: 20_000 },
      )
      .catch(async () => assert.fail(`still shown: ${(await question.allInnerTexts()).join(' | ')}`));
    // The answer holds for this model: another run writes nothing and asks nothing.
    await run('3-5');
    await page.waitForTimeout(2000);
    assert.equal(await question.count(), 0);
    assert.ok(!existsSync(sidecar), 'Not now wrote no sidecar');
  });
});
