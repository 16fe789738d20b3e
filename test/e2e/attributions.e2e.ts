// The Attributions tab in real VS Code: right-click -> Explain Model -> pick the data -> Run -> the charts,
// checked against the CLI's numbers for the same settings; the HTML report on disk; the results back
// after a window reload; a long run cancelled; a bad data file and a broken sidecar reported in the panel.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { Attribution, PartialDependence, PermutationImportance } from '../../src/protocol/attributionTypes';
import {
  beeswarm,
  classPicker,
  dependence,
  globalImportance,
  importanceView,
  pdpView,
  waterfall,
} from '../../webview/attributions/model';
import { contextMenuCommand, e2eTarget, runCommand, screenshot, setTheme, useWorkbench, webview } from './workbench';

const ROOT = path.resolve(__dirname, '../..');

/** The CLI on the same model and data: `command` is explain, importance or pdp. */
function cli<T>(workspace: string, command: string, ...args: string[]): T {
  const out = execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'dist', 'cli.js'),
      command,
      path.join(workspace, 'models', 'mlp_wine.onnx'),
      '--data',
      path.join(workspace, 'data', 'wine.csv'),
      ...args,
      '--json',
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as T;
}

const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

async function openAttributions(page: Page, model: string): Promise<FrameLocator> {
  await contextMenuCommand(page, ['models', model], 'Explain Model');
  const view = await webview(page, model);
  await view.locator('#tab-button-attributions').click();
  await view.locator('#attr-data').waitFor({ timeout: 60_000 });
  return view;
}

async function numbers(view: FrameLocator, selector: string, attr: string): Promise<number[]> {
  return (await view
    .locator(selector)
    .evaluateAll((els, a) => els.map((e) => Number(e.getAttribute(a))), attr)) as number[];
}

describe('the Attributions tab', function () {
  this.timeout(300_000);
  const { workspace } = e2eTarget();
  let page!: Page;
  useWorkbench('attributions', (p) => (page = p));

  it('pick the data, Run: bar, beeswarm and waterfall match the CLI; the HTML report lands on disk; reload brings them back', async () => {
    const view = await openAttributions(page, 'mlp_wine.onnx');
    // The data file through the quick pick, as a user picks it.
    await view.locator('#attr-pick-data').click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'wine.csv' }).first().click();
    await view
      .locator('#attr-data')
      .evaluate((el) => (el as HTMLInputElement).value)
      .then((v) => assert.equal(v, '../data/wine.csv'));
    await view.locator('#attr-rows').fill('0-9');
    await view.locator('#attr-rows').dispatchEvent('change');
    await view
      .locator('#attr-plan')
      .filter({ hasText: /kernel/ })
      .waitFor({ timeout: 60_000 });
    await view.locator('#attr-run').click();
    await view.locator('#chart-waterfall svg').waitFor({ timeout: 120_000 });
    await view.locator('#attr-summary').filter({ hasText: '10 rows of 178' }).waitFor({ timeout: 60_000 });

    const cliRun = cli<Attribution>(workspace, 'explain', '--rows', '0-9', '--method', 'auto');
    const classIndex = classPicker(cliRun).selected;
    assert.equal(await view.locator('#attr-class').inputValue(), String(classIndex));
    const bar = globalImportance(cliRun, { classIndex });
    const shownBars = await numbers(view, '#chart-bar g.bar', 'data-value');
    assert.equal(shownBars.length, bar.items.length);
    shownBars.forEach((v, i) =>
      assert.ok(Math.abs(v - bar.items[i].value) < 1e-9, `bar ${i}: ${v} vs ${bar.items[i].value}`),
    );
    assert.equal(
      await view.locator('#chart-beeswarm .dot').count(),
      beeswarm(cliRun, { classIndex, maxFeatures: 20 }).dots.length,
    );
    assert.equal(await view.locator('#chart-beeswarm .dot').count(), 10 * 13);
    const steps = waterfall(cliRun, { row: 0, classIndex }).steps;
    const shownSteps = await numbers(view, '#chart-waterfall g.step', 'data-value');
    assert.equal(shownSteps.length, steps.length);
    shownSteps.forEach((v, i) => assert.ok(Math.abs(v - steps[i].value) < 1e-9, `step ${i}`));
    // Every beeswarm dot sits at its row's attribution for its feature.
    const dots = (await view
      .locator('#chart-beeswarm .dot')
      .evaluateAll((els) =>
        els.map((e) =>
          [e.getAttribute('data-row'), e.getAttribute('data-feature-index'), e.getAttribute('data-value')].map(Number),
        ),
      )) as number[][];
    for (const [row, feature, value] of dots)
      near(value, cliRun.values[row][feature][classIndex], `dot ${row}/${feature}`);
    await screenshot(page, 'attributions-mlp-wine');

    // The table: choosing row 4 shows its waterfall; choosing a feature value shows that feature's dependence.
    await view.locator('#section-table tr[data-row="4"] td.feature[data-feature-index="12"]').click();
    await view.locator('#section-waterfall h3', { hasText: 'Waterfall of row 4' }).waitFor({ timeout: 10_000 });
    await view.locator('#section-dependence h3', { hasText: 'Dependence of proline' }).waitFor({ timeout: 10_000 });
    const row4 = await numbers(view, '#chart-waterfall g.step', 'data-value');
    waterfall(cliRun, { row: 4, classIndex }).steps.forEach((step, i) => near(row4[i], step.value, `row 4 step ${i}`));
    const depPoints = await numbers(view, '#chart-dependence [data-value]', 'data-value');
    const dep = dependence(cliRun, { classIndex, featureIndex: 12 });
    assert.equal(depPoints.length, 10);
    assert.deepEqual(
      [...depPoints].sort((a, b) => a - b),
      dep.points.map((p) => p.y).sort((a, b) => a - b),
    );

    // Permutation importance on the label column the data carries, and PDP with ICE lines: the CLI's numbers.
    assert.equal(await view.locator('#attr-label').inputValue(), 'cultivar');
    await view.locator('#attr-run-importance').click();
    await view.locator('#chart-importance g.bar').first().waitFor({ timeout: 60_000 });
    const importance = importanceView(
      cli<PermutationImportance>(workspace, 'importance', '--label', 'cultivar', '--seed', '0'),
    );
    const shownImportance = await numbers(view, '#chart-importance g.bar', 'data-value');
    assert.equal(shownImportance.length, importance.items.length);
    shownImportance.forEach((v, i) => near(v, importance.items[i].mean, `importance ${i}`));
    await view.locator('#attr-pdp-feature').selectOption('proline');
    await view.locator('#attr-run-pdp').click();
    await view.locator('#chart-pdp .point').first().waitFor({ timeout: 60_000 });
    const pd = pdpView(cli<PartialDependence>(workspace, 'pdp', '--feature', 'proline', '--seed', '0'), { classIndex });
    assert.equal(await view.locator('#chart-pdp .ice').count(), pd.ice.length);
    (await numbers(view, '#chart-pdp .point', 'data-value')).forEach((v, i) => near(v, pd.average[i], `pdp ${i}`));
    await view.locator('#section-pdp').scrollIntoViewIfNeeded();
    await screenshot(page, 'attributions-pdp');

    // The sidecar now remembers the choices.
    const sidecar = JSON.parse(readFileSync(path.join(workspace, 'models', 'mlp_wine.onnx.lens.json'), 'utf8'));
    assert.equal(sidecar.data, '../data/wine.csv');
    assert.equal(sidecar.rows, '0-9');

    // The HTML report through the save dialog: it proposes a file next to the model; accept it.
    const report = path.join(workspace, 'models', 'mlp_wine-report.html');
    rmSync(report, { force: true });
    await view.locator('#attr-export-report').click();
    await page.locator('.quick-input-widget input').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    for (let i = 0; i < 100 && !existsSync(report); i++) await page.waitForTimeout(100);
    const html = readFileSync(report, 'utf8');
    assert.ok(!/\b(src|href)\s*=\s*["']https?:/i.test(html), 'no external URL');
    assert.ok(html.includes('"feature_names"') && html.includes('proline'));
    assert.ok(html.includes(JSON.stringify(cliRun.values[0][0])), 'the report holds the same attribution values');
    assert.ok(html.includes('"metric":"accuracy"') && html.includes('"feature":"proline"'), 'importance and PDP too');
    // Opened offline in a browser, the report draws the same charts and asks for nothing outside the file.
    const reportPage = await page.context().newPage();
    const outside: string[] = [];
    await reportPage.route(/^(?!file:|data:|blob:)/, (route) => {
      outside.push(route.request().url());
      return route.abort();
    });
    await reportPage.goto(`file://${report}`);
    await reportPage.locator('#chart-waterfall g.step').first().waitFor({ timeout: 30_000 });
    assert.equal(await reportPage.locator('#chart-bar g.bar').count(), bar.items.length);
    assert.equal(await reportPage.locator('#chart-beeswarm .dot').count(), 130);
    assert.equal(await reportPage.locator('#chart-waterfall g.step').count(), steps.length);
    assert.equal(await reportPage.locator('#chart-importance g.bar').count(), importance.items.length);
    assert.equal(await reportPage.locator('#chart-pdp-0 .ice').count(), pd.ice.length);
    assert.deepEqual(outside, []);
    await reportPage.close();

    // After Developer: Reload Window the panel comes back on this tab with the results (from the cache).
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const again = await webview(page, 'mlp_wine.onnx', 120_000);
    await again.locator('#chart-bar g.bar').first().waitFor({ timeout: 60_000 });
    assert.equal(await again.locator('#chart-beeswarm .dot').count(), 130);
    const reloadedBars = await numbers(again, '#chart-bar g.bar', 'data-value');
    reloadedBars.forEach((v, i) => assert.ok(Math.abs(v - bar.items[i].value) < 1e-9));
  });

  it('a long run shows progress and stops on Cancel, keeping the panel usable', async () => {
    const view = await webview(page, 'mlp_wine.onnx');
    await view.locator('#attr-method').selectOption('exact');
    await view.locator('#attr-rows').fill('0-177');
    await view.locator('#attr-background-size').fill('178');
    await view.locator('#attr-background-size').dispatchEvent('change');
    await view.locator('#attr-run').click();
    await view.locator('#attr-progress-text').filter({ hasText: /%/ }).waitFor({ timeout: 60_000 });
    // Rows appear as they finish, before the run ends.
    await view.locator('#attr-summary.partial').filter({ hasText: 'finished so far' }).waitFor({ timeout: 120_000 });
    const partialDots = await view.locator('#chart-beeswarm .dot').count();
    assert.ok(partialDots > 0 && partialDots < 178 * 13, `${partialDots} dots of finished rows`);
    await screenshot(page, 'attributions-progress');
    await view.locator('#attr-cancel').click();
    await view.locator('#attr-messages .error').filter({ hasText: 'cancelled' }).waitFor({ timeout: 30_000 });
    // The earlier (finished) results are back.
    await view.locator('#attr-summary').filter({ hasText: '10 rows of 178' }).waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('#attr-progress').isVisible(), false);
    // Usable again: a short run goes through.
    await view.locator('#attr-rows').fill('0-1');
    await view.locator('#attr-background-size').fill('20');
    await view.locator('#attr-run').click();
    await view
      .locator('#attr-summary')
      .filter({ hasText: /^exact .* 2 rows of 178/ })
      .waitFor({ timeout: 60_000 });
    // Re-run from the Command Palette runs what the form holds now.
    await view.locator('#attr-rows').fill('0-2');
    await runCommand(page, 'Model Lens: Re-run Explanation');
    await view
      .locator('#attr-summary')
      .filter({ hasText: /^exact .* 3 rows of 178/ })
      .waitFor({ timeout: 60_000 });
  });

  it('a bad data file names the file, row and column; earlier results stay', async () => {
    const view = await webview(page, 'mlp_wine.onnx');
    await view.locator('#attr-data').fill('../data/wine_bad.csv');
    await view.locator('#attr-run').click();
    const error = view.locator('#attr-messages .error');
    await error.filter({ hasText: 'wine_bad.csv' }).waitFor({ timeout: 60_000 });
    assert.match(await error.innerText(), /wine_bad\.csv: row 3, column "alcohol" \(1\): "abc" is not a number/);
    assert.ok((await view.locator('#chart-bar g.bar').count()) > 0, 'the earlier charts are still drawn');
  });

  it('a sidecar that is not valid JSON is reported with its place and left as the user wrote it', async () => {
    const file = path.join(workspace, 'models', 'gb_breast_cancer.onnx.lens.json');
    const before = readFileSync(file, 'utf8');
    const view = await openAttributions(page, 'gb_breast_cancer.onnx');
    const error = view.locator('#attr-messages .error');
    await error.first().waitFor({ timeout: 60_000 });
    assert.match(await error.first().innerText(), /gb_breast_cancer\.onnx\.lens\.json: not valid JSON/);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('is themed: screenshots in light, dark and high contrast', async () => {
    const view = await openAttributions(page, 'mlp_wine.onnx');
    // The demo's choices again, so the pictures show a clean run of the whole form.
    await view.locator('#attr-data').fill('../data/wine.csv');
    await view.locator('#attr-rows').fill('0-9');
    await view.locator('#attr-background-size').fill('100');
    await view.locator('#attr-method').selectOption('auto');
    await view.locator('#attr-run').click();
    await view
      .locator('#attr-summary')
      .filter({ hasText: /^kernel .* 10 rows of 178/ })
      .waitFor({ timeout: 60_000 });
    await view.locator('#chart-bar g.bar').first().waitFor({ timeout: 60_000 });
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await setTheme(page, theme);
      await page.waitForTimeout(800);
      await view.locator('#tab-button-attributions').scrollIntoViewIfNeeded();
      await screenshot(page, `attributions-${theme}`);
      await view.locator('#section-waterfall').scrollIntoViewIfNeeded();
      await screenshot(page, `attributions-${theme}-waterfall`);
      await view.locator('#section-table').scrollIntoViewIfNeeded();
      await screenshot(page, `attributions-${theme}-table`);
    }
    await setTheme(page, 'dark');
  });
});
