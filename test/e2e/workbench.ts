/** Drives the VS Code workbench in a real browser the way a user does. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const RESULTS = path.resolve(__dirname, '../../test-results');

export function e2eTarget(): { port: number; workspace: string } {
  const port = Number(process.env.MODEL_LENS_E2E_PORT);
  const workspace = process.env.MODEL_LENS_E2E_WORKSPACE;
  if (!port || !workspace) throw new Error('run the e2e layer through `npm run test:e2e` (it starts code-server)');
  return { port, workspace };
}

export const THEMES = {
  light: { label: 'Light Modern', bodyClass: 'vscode-light' },
  dark: { label: 'Dark Modern', bodyClass: 'vscode-dark' },
  'high-contrast': { label: 'Dark High Contrast', bodyClass: 'vscode-high-contrast' },
} as const;

const quickPickRow = (page: Page, label: string) =>
  page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({
      has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    })
    .first();

/** Runs a command by its title through the Command Palette, as a user does. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // The palette's list re-renders as it filters and can close under a click: try again from the start.
  for (let attempt = 1; ; attempt++) {
    // Keys typed while a webview has focus go to the webview: give the workbench focus first.
    await page.locator('.part.sidebar .composite.title').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.keyboard.type(title);
    try {
      await quickPickRow(page, title).click({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Picks a colour theme through the Command Palette. */
export async function setTheme(page: Page, theme: keyof typeof THEMES): Promise<void> {
  const row = (label: string) => quickPickRow(page, label);
  await runCommand(page, 'Preferences: Color Theme');
  await page.keyboard.type(THEMES[theme].label);
  await row(THEMES[theme].label).click({ timeout: 10_000 });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function openWorkbench(browser: Browser, folder: string, port: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}

export function explorerRow(page: Page, name: string) {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
}

/** Expands folders along `parts` and returns the row of the last part. */
export async function revealInExplorer(page: Page, ...parts: string[]) {
  for (const [i, name] of parts.entries()) {
    const row = explorerRow(page, name);
    await row.waitFor({ timeout: 60_000 });
    if (i < parts.length - 1 && (await row.getAttribute('aria-expanded')) === 'false') await row.click();
  }
  return explorerRow(page, parts[parts.length - 1]);
}

/** Menu items of remote extensions appear once the extension host has scanned them: retry. */
export async function contextMenuCommand(page: Page, rowName: string[], item: string): Promise<void> {
  await page.keyboard.press('Escape');
  const row = await revealInExplorer(page, ...rowName);
  const menuItem = page.getByRole('menuitem', { name: item, exact: true });
  for (let i = 0; ; i++) {
    await row.click({ button: 'right' });
    try {
      await menuItem.waitFor({ timeout: 2000 });
      break;
    } catch (e) {
      if (i > 30) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await menuItem.click();
  // A click that lands while the menu still animates in is swallowed: confirm with Enter.
  await page.waitForTimeout(300);
  if (await menuItem.isVisible()) await menuItem.press('Enter');
}

/**
 * The document of the panel whose title is `title`: a webview is an outer iframe (host page) holding
 * an inner iframe (our HTML); several panels may be open, so find the one showing that model.
 */
export async function webview(page: Page, title: string, timeoutMs = 60_000): Promise<FrameLocator> {
  const t0 = Date.now();
  for (;;) {
    for (const outer of await page.locator('iframe.webview.ready').all()) {
      const inner = outer.contentFrame().locator('iframe#active-frame').contentFrame();
      const heading = inner.locator('#model-title');
      if ((await heading.count()) && (await heading.innerText()) === title) return inner;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`no webview shows ${title}`);
    await page.waitForTimeout(200);
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * One browser on the workbench for a suite: opened before its tests (handed over through `ready`), a
 * screenshot of each failed test, `beforeClose` and then the browser closed after them.
 */
export function useWorkbench(
  suite: string,
  ready: (page: Page) => void,
  beforeClose?: (page: Page) => Promise<void>,
): void {
  const { port, workspace } = e2eTarget();
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    browser = await launch();
    page = await openWorkbench(browser, workspace, port);
    ready(page);
  });
  afterEach(async function () {
    const title = this.currentTest?.title ?? '';
    if (page && this.currentTest?.state === 'failed')
      await screenshot(page, `failed-${suite}-${title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    if (page && beforeClose) await beforeClose(page);
    await browser?.close();
  });
}
