import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { contextMenuCommand, screenshot, setTheme, THEMES, useWorkbench, webview } from './workbench';

describe('themes: the panel follows light, dark and high-contrast', () => {
  let page!: Page;
  useWorkbench(
    'themes',
    (p) => (page = p),
    (p) => setTheme(p, 'light'),
  );

  it('restyles the panel from the theme’s own colours in each theme', async () => {
    await contextMenuCommand(page, ['models', 'lr_wine.onnx'], 'Explain Model');
    const colours = new Map<string, string>();
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await setTheme(page, theme);
      const view = await webview(page, 'lr_wine.onnx');
      const body = view.locator(`body.${THEMES[theme].bodyClass}`);
      await body.waitFor({ timeout: 30_000 });
      await view.locator('#run-once').click();
      await view.locator('#run-outputs').waitFor({ timeout: 30_000 });
      const [text, background] = await view
        .locator('#model-title')
        .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor]);
      assert.notEqual(text, background, `${theme}: text must stand out from the background`);
      colours.set(theme, `${text} on ${background}`);
      await screenshot(page, `e2e-theme-${theme}`);
    }
    assert.equal(new Set(colours.values()).size, 3, `three different palettes: ${[...colours.values()].join(' | ')}`);
  });
});
