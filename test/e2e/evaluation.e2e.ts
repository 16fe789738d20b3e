// The Evaluation tab in real VS Code: right-click -> Explain Model -> Evaluation -> the data and its label
// column -> Evaluate: accuracy and every confusion cell equal `model-lens evaluate --json`, a cell's rows, the
// surrogate's rules and fidelity equal `model-lens rules --json`, a cohort becomes the Attributions tab's
// rows, the sidecar remembers the label; pictures in light, dark and high contrast; a regression model's charts.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { ClassificationEvaluation, RegressionEvaluation, RulesResult } from '../../src/protocol/evaluationTypes';
import { cellRows } from '../../webview/evaluation/models/classification';
import { rowsText } from '../../webview/evaluation/models/rules';
import { contextMenuCommand, e2eTarget, screenshot, setTheme, useWorkbench, webview } from './workbench';

const ROOT = path.resolve(__dirname, '../..');

/** The CLI on the same model and data file of the test workspace. */
function cli<T>(workspace: string, command: string, model: string, data: string, ...args: string[]): T {
  const out = execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'dist', 'cli.js'),
      command,
      path.join(workspace, 'models', model),
      '--data',
      path.join(workspace, 'data', data),
      ...args,
      '--json',
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as T;
}

const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

async function openEvaluation(page: Page, model: string): Promise<FrameLocator> {
  await contextMenuCommand(page, ['models', model], 'Explain Model');
  const view = await webview(page, model);
  await view.locator('#tab-button-evaluation').click();
  await view.locator('#eval-data').waitFor({ timeout: 60_000 });
  return view;
}

async function chooseData(view: FrameLocator, data: string, label: string): Promise<void> {
  await view.locator('#eval-data').fill(data);
  await view.locator('#eval-data').dispatchEvent('change');
  await view.locator(`#eval-label option[value="${label}"]`).waitFor({ state: 'attached', timeout: 60_000 });
  await view.locator('#eval-label').selectOption(label);
}

describe('the Evaluation tab', function () {
  this.timeout(300_000);
  const { workspace } = e2eTarget();
  let page!: Page;
  useWorkbench('evaluation', (p) => (page = p));

  it('digits_cnn on a folder per class: accuracy and every confusion cell equal the CLI; no rules for pictures', async () => {
    // The demo digits filed by class (digit_<class>_<n>.png), made here and removed after: other suites pick data
    // from quick picks that list the workspace's files.
    const folder = path.join(workspace, 'images', 'digit-classes');
    const pictures = path.join(ROOT, 'demo', 'workspace', 'images', 'digits');
    for (const name of readdirSync(pictures)) {
      const digit = /^digit_(\d)_/.exec(name)?.[1];
      if (digit === undefined) continue;
      mkdirSync(path.join(folder, digit), { recursive: true });
      copyFileSync(path.join(pictures, name), path.join(folder, digit, name));
    }
    try {
      const view = await openEvaluation(page, 'digits_cnn.onnx');
      // A flat folder of pictures: the tab says what is missing instead of asking for a label column.
      await view.locator('#eval-data').fill('../images/digits');
      await view.locator('#eval-data').dispatchEvent('change');
      await view.locator('#eval-run').click();
      await view.locator('#eval-messages', { hasText: 'needs one subfolder per class' }).waitFor({ timeout: 60_000 });
      assert.equal(await view.locator('#eval-messages', { hasText: 'label column first' }).count(), 0);
      await view.locator('#eval-data').fill('../images/digit-classes');
      await view.locator('#eval-data').dispatchEvent('change');
      await view
        .locator('#eval-messages', { hasText: "labelled by its subfolder's class" })
        .waitFor({ timeout: 60_000 });
      await view.locator('#eval-run').click();
      const accuracyCell = view.locator('#eval-metrics tr[data-metric="accuracy"] td.value');
      await accuracyCell.waitFor({ timeout: 120_000 });
      const model = path.join(workspace, 'models', 'digits_cnn.onnx');
      const out = execFileSync(
        process.execPath,
        [path.join(ROOT, 'dist', 'cli.js'), 'evaluate', model, '--data', folder, '--json'],
        {
          encoding: 'utf8',
        },
      );
      const e = JSON.parse(out) as ClassificationEvaluation;
      assert.equal(e.rows, 12, 'the twelve demo digits');
      near(Number(await accuracyCell.getAttribute('data-value')), e.accuracy, 'accuracy');
      const cells = (await view
        .locator('#chart-confusion g.cell')
        .evaluateAll((els) =>
          els.map((el) => ['data-true', 'data-predicted', 'data-count'].map((a) => Number(el.getAttribute(a)))),
        )) as number[][];
      assert.equal(cells.length, e.classes.length ** 2);
      for (const [t, p, count] of cells) assert.equal(count, e.confusion_matrix[t][p], `cell ${t},${p}`);
      // Twelve pictures over ten classes: every headline interval holds its estimate, and the tab says the
      // intervals are unreliable (most resamples miss a class) as the CLI's intervals do.
      for (const m of ['accuracy', 'f1_macro', 'balanced_accuracy'] as const) {
        const ci = e.ci[m];
        assert.ok(ci?.unreliable, `${m}: the CLI says its interval is unreliable`);
        assert.ok(ci.low <= e[m] + 1e-12 && e[m] <= ci.high + 1e-12, `${m} ${e[m]} in [${ci.low}, ${ci.high}]`);
      }
      await view
        .locator('#eval-metrics-area .hint', { hasText: 'Bootstrap intervals unreliable' })
        .waitFor({ timeout: 30_000 });
      // Error cohorts and rules split a table's features: for pictures the tab says so instead.
      await view.locator('#eval-no-rules').waitFor({ timeout: 30_000 });
      await screenshot(page, 'evaluation-digits-folders');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("mlp_wine on wine.csv: accuracy, matrix cells, a cell's rows and the rules match the CLI; a cohort goes to Attributions", async () => {
    const view = await openEvaluation(page, 'mlp_wine.onnx');
    await chooseData(view, '../data/wine.csv', 'cultivar');
    await view.locator('#eval-run').click();
    const accuracyCell = view.locator('#eval-metrics tr[data-metric="accuracy"] td.value');
    await accuracyCell.waitFor({ timeout: 120_000 });

    const e = cli<ClassificationEvaluation>(workspace, 'evaluate', 'mlp_wine.onnx', 'wine.csv', '--label', 'cultivar');
    near(Number(await accuracyCell.getAttribute('data-value')), e.accuracy, 'accuracy');
    assert.equal(await accuracyCell.innerText(), e.accuracy.toFixed(4));
    near(
      Number(await view.locator('#eval-metrics tr[data-metric="f1_macro"] td.value').getAttribute('data-value')),
      e.f1_macro,
      'F1 macro',
    );
    const k = e.classes.length;
    const cells = (await view
      .locator('#chart-confusion g.cell')
      .evaluateAll((els) =>
        els.map((el) => ['data-true', 'data-predicted', 'data-count'].map((a) => Number(el.getAttribute(a)))),
      )) as number[][];
    assert.equal(cells.length, k * k);
    for (const [t, p, count] of cells) assert.equal(count, e.confusion_matrix[t][p], `cell ${t},${p}`);
    // Every class name reads whole on both axes (the column labels wrap rather than end in an ellipsis).
    const columnNames = await view
      .locator('#chart-confusion text.col')
      .evaluateAll((els) => els.map((el) => [...el.querySelectorAll('tspan')].map((t) => t.textContent).join(' ')));
    assert.deepEqual(columnNames, e.classes);
    assert.deepEqual(await view.locator('#chart-confusion text.row').allTextContents(), e.classes);
    // One ROC and PR line per class, one bar per class and metric.
    assert.equal(await view.locator('#chart-roc g.series').count(), e.curves.length);
    assert.equal(await view.locator('#chart-pr g.series').count(), e.curves.length);
    assert.equal(await view.locator('#chart-per-class g.bar').count(), 3 * k);

    // Row-normalised: each cell's share of its true class.
    await view.locator('#eval-normalise').check();
    await view.locator('#chart-confusion g.cell text', { hasText: '%' }).first().waitFor({ timeout: 10_000 });
    const shares = (await view
      .locator('#chart-confusion g.cell')
      .evaluateAll((els) =>
        els.map((el) => ['data-true', 'data-predicted', 'data-share'].map((a) => Number(el.getAttribute(a)))),
      )) as number[][];
    for (const [t, p, share] of shares) {
      const total = e.confusion_matrix[t].reduce((a, b) => a + b, 0);
      near(share, e.confusion_matrix[t][p] / total, `share ${t},${p}`);
    }
    // A cell's rows: exactly the CLI's rows of that true and predicted class.
    await view.locator('#chart-confusion g.cell[data-true="1"][data-predicted="1"]').click();
    const listed = await view.locator('#eval-cell-rows-list').getAttribute('data-rows');
    assert.equal(listed, cellRows(e.labels, e.predicted, 1, 1).join(','));
    await screenshot(page, 'evaluation-mlp-wine');

    // The rules, once extracted: fidelity and every rule as the CLI has them.
    const rulesSection = view.locator('#section-rules[data-fidelity]');
    await rulesSection.waitFor({ timeout: 120_000 });
    const r = cli<RulesResult>(workspace, 'rules', 'mlp_wine.onnx', 'wine.csv', '--label', 'cultivar');
    near(Number(await rulesSection.getAttribute('data-fidelity')), r.fidelity, 'fidelity');
    assert.equal(await view.locator('#eval-rules tbody tr').count(), r.rules.length);
    const coverages = await view
      .locator('#eval-rules tbody tr')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-coverage'))));
    coverages.forEach((c, i) => near(c, r.rules[i].coverage, `rule ${i} coverage`));
    assert.equal(await view.locator('#chart-tree g.node.leaf').count(), r.rules.length);
    await view.locator('#section-rules').scrollIntoViewIfNeeded();
    await screenshot(page, 'evaluation-rules');

    // The sidecar remembers the label column.
    const sidecar = JSON.parse(readFileSync(path.join(workspace, 'models', 'mlp_wine.onnx.lens.json'), 'utf8'));
    assert.equal(sidecar.labelColumn, 'cultivar');

    // Themed pictures of the same results.
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await setTheme(page, theme);
      await page.waitForTimeout(800);
      await view.locator('#tab-button-evaluation').scrollIntoViewIfNeeded();
      await screenshot(page, `evaluation-${theme}`);
      await view.locator('#section-roc').scrollIntoViewIfNeeded();
      await screenshot(page, `evaluation-${theme}-curves`);
      await view.locator('#section-tree').scrollIntoViewIfNeeded();
      await screenshot(page, `evaluation-${theme}-tree`);
    }
    await setTheme(page, 'dark');

    // A cohort becomes the Attributions tab's rows of the same data.
    const cohorts = e.errors.cohorts;
    assert.equal(await view.locator('#eval-cohorts tbody tr').count(), cohorts.length);
    await view.locator('#eval-cohorts tbody tr[data-cohort="0"]').click();
    await view.locator('#tab-attributions:not(.hidden) #attr-rows').waitFor({ timeout: 30_000 });
    await view
      .locator('#attr-rows')
      .evaluate((el) => (el as HTMLInputElement).value)
      .then((v) => assert.equal(v, rowsText(cohorts[0].rows)));
    assert.equal(await view.locator('#attr-data').inputValue(), '../data/wine.csv');
  });

  it('a regression model: MAE and every scatter point from the CLI, the residual histogram holds every row', async () => {
    const view = await openEvaluation(page, 'gbr100_depth6.onnx');
    await chooseData(view, '../data/diabetes.csv', 'target');
    await view.locator('#eval-run').click();
    const mae = view.locator('#eval-metrics tr[data-metric="mae"] td.value');
    await mae.waitFor({ timeout: 120_000 });
    const e = cli<RegressionEvaluation>(
      workspace,
      'evaluate',
      'gbr100_depth6.onnx',
      'diabetes.csv',
      '--label',
      'target',
    );
    near(Number(await mae.getAttribute('data-value')), e.mae, 'MAE');
    assert.equal(await view.locator('#chart-scatter circle.dot').count(), e.rows);
    const counts = await view
      .locator('#chart-residuals g.bar')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      e.rows,
    );
    await view.locator('#section-rules[data-fidelity]').waitFor({ timeout: 120_000 });
    await screenshot(page, 'evaluation-regression');
  });
});
