// Text explanations in real VS Code: right-click the demo's sentiment model -> Explain Model -> type a sentence
// in the Attributions tab's text box -> Explain; each coloured word's value is the CLI's for the same sentence,
// and the view is themed (screenshots in light, dark and high contrast).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Attribution } from '../../src/protocol/attributionTypes';
import { contextMenuCommand, e2eTarget, screenshot, setTheme, useWorkbench, webview } from './workbench';

const ROOT = path.resolve(__dirname, '../..');
const SENTENCE = 'The acting was brilliant but the ending felt clumsy.';

function cliExplain(workspace: string): Attribution {
  const out = execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'dist', 'cli.js'),
      'explain',
      path.join(workspace, 'text', 'sentiment.onnx'),
      '--text',
      SENTENCE,
      '--json',
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Attribution;
}

describe('text explanations', function () {
  this.timeout(300_000);
  const { workspace } = e2eTarget();
  let page!: Page;
  useWorkbench('text', (p) => (page = p));

  it('right-click the sentiment model, type a sentence, Explain: every coloured word is the CLI’s value', async () => {
    await contextMenuCommand(page, ['text', 'sentiment.onnx'], 'Explain Model');
    const view = await webview(page, 'sentiment.onnx');
    await view.locator('#tab-button-attributions').click();
    // A text model's form has the text box, and Classes and Class.
    await view.locator('#attr-sentence').waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok(await view.locator('#attr-classes').isVisible());
    // Its data field names what a text model reads, not a table's files.
    assert.match((await view.locator('#attr-data').getAttribute('placeholder')) ?? '', /\.txt, \.csv, \.jsonl/);
    await view.locator('#attr-sentence').fill(SENTENCE);
    await view.locator('#attr-explain-sentence').click();
    await view
      .locator('#attr-summary')
      .filter({ hasText: /1 text\b/ })
      .waitFor({ timeout: 120_000 });

    const cli = cliExplain(workspace);
    assert.equal(cli.kind, 'text');
    const tokens = cli.tokens![0];
    const units = view.locator('.ml-text-row[data-row="0"] .ml-unit');
    assert.equal(await units.count(), tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const unit = units.nth(i);
      assert.equal(Number(await unit.getAttribute('data-index')), i);
      assert.equal(await unit.textContent(), tokens[i]);
      const shown = Number(await unit.getAttribute('data-value'));
      const value = cli.values[0][i][0];
      assert.ok(Math.abs(shown - value) <= 1e-9 * Math.max(1, Math.abs(value)), `word ${i}: ${shown} vs ${value}`);
      // Red up, blue down.
      const side = value > 0 ? 'ml-unit-positive' : value < 0 ? 'ml-unit-negative' : 'ml-unit-zero';
      assert.match((await unit.getAttribute('class')) ?? '', new RegExp(side));
    }
    // The picker names the class the CLI explained first; the waterfall ends at the model's output for it.
    const className = cli.output_columns[cli.targets![0][0]];
    assert.match(await view.locator('#section-unit-bars h3').innerText(), /Strongest words of text 0/);
    assert.match((await view.locator('#chart-waterfall .ml-marker').first().textContent()) ?? '', /f\(x\) = /);
    const f = Number(await view.locator('#chart-waterfall .ml-marker').first().getAttribute('data-value'));
    assert.ok(Math.abs(f - cli.predictions[0][cli.targets![0][0]]) < 1e-9, `f(x) ${f}`);

    // Hovering the strongest word shows its value.
    const strongest = tokens
      .map((_, i) => i)
      .sort((a, b) => Math.abs(cli.values[0][b][0]) - Math.abs(cli.values[0][a][0]))[0];
    await units.nth(strongest).hover();
    await view.locator('#chart-text .ml-tooltip:not([hidden])').waitFor({ timeout: 10_000 });
    assert.match(await view.locator('#chart-text .ml-tooltip').innerText(), new RegExp(`toward ${className}`));
    await page.mouse.move(0, 0);

    // Both classes were explained: the picker moves every text and the legend to the other class at once.
    assert.equal(await view.locator('#attr-class option').count(), cli.output_columns.length);
    assert.equal(await view.locator('#attr-class').inputValue(), String(cli.targets![0][0]));
    const other = cli.output_columns.findIndex((_, c) => c !== cli.targets![0][0]);
    await view.locator('#attr-class').selectOption(String(other));
    const otherName = cli.output_columns[other];
    await view
      .locator('#chart-text-legend svg')
      .filter({ hasText: `toward ${otherName}` })
      .waitFor({ timeout: 10_000 });
    for (const head of await view.locator('.ml-text-row-head .hint').allInnerTexts())
      assert.ok(head.startsWith(`${otherName}:`), head);

    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await setTheme(page, theme);
      await view.locator('.ml-unit').first().waitFor({ timeout: 10_000 });
      assert.match(await view.locator('#section-curves').innerText(), /deletion area/);
      await screenshot(page, `text-${theme}`);
    }
    await setTheme(page, 'dark');
  });
});
