// The panel in light, dark and high-contrast themes, checked for what the screenshots show: its text and chart
// marks take the theme's own colours (the --vscode-* variables VS Code sets in the webview), text reads at WCAG AA
// (contrast 4.5:1) on its background, positive and negative bars stand out from the background (3:1, WCAG's
// non-text contrast) and from each other, and no text runs out of its chart or the panel.

import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { contrast, parseColour } from '../support/contrast';
import { contextMenuCommand, screenshot, setTheme, THEMES, useWorkbench, webview } from './workbench';

const VARS = [
  '--vscode-foreground',
  '--vscode-descriptionForeground',
  '--vscode-editor-background',
  '--vscode-charts-red',
  '--vscode-charts-blue',
] as const;
type VarName = (typeof VARS)[number];

interface TextSeen {
  what: string;
  text: string;
  colour: string;
  opacity: number;
  background: string;
}
interface MarkSeen {
  what: string;
  fill: string;
  opacity: number;
  background: string;
}
interface Seen {
  vars: Record<VarName, { raw: string; rgb: string }>;
  panelBackground: string;
  texts: TextSeen[];
  title: string[];
  labels: string[];
  positive: MarkSeen[];
  negative: MarkSeen[];
  pageOverflow: number;
  outside: { chart: string; text: string; left: number; right: number }[];
}

/**
 * Runs in the panel's document (kept as source, so the test runner's transpiler adds no helpers to it): the theme's
 * variables resolved to colours, every visible text with its colour and background, the waterfall's bars,
 * and text that leaves its chart or the page.
 */
const IN_PANEL = `(body, vars) => {
  const root = document.documentElement;
  const probe = document.createElement('span');
  body.append(probe);
  const resolve = (name) => {
    probe.style.color = 'rgb(1, 2, 3)';
    probe.style.color = 'var(' + name + ')';
    return getComputedStyle(probe).color;
  };
  const seenVars = {};
  for (const name of vars) seenVars[name] = { raw: getComputedStyle(root).getPropertyValue(name).trim(), rgb: resolve(name) };
  probe.remove();
  const transparent = (c) => c === 'transparent' || /^rgba\\(.*[,/]\\s*0\\)$/.test(c);
  const backgroundOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (!transparent(bg)) return bg;
    }
    return seenVars['--vscode-editor-background'].rgb;
  };
  const opacityOf = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const name = (el) => {
    const cls = typeof el.className === 'string' ? el.className : el.className && el.className.baseVal;
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (cls ? '.' + cls.trim().split(/\\s+/).join('.') : '');
  };
  const texts = [];
  for (const el of body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'TITLE'].includes(el.tagName) || !visible(el)) continue;
    // WCAG exempts inactive controls from the contrast minimum.
    if (el.closest('[disabled], [aria-disabled="true"]')) continue;
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join(' ').trim();
    if (!own) continue;
    const cs = getComputedStyle(el);
    const svg = el instanceof SVGElement;
    texts.push({ what: name(el), text: own.slice(0, 40), colour: svg ? cs.fill : cs.color, opacity: opacityOf(el) * (svg ? Number(cs.fillOpacity) : 1), background: backgroundOf(el) });
  }
  const marks = (selector) => [...body.querySelectorAll(selector)].filter(visible).map((el) => {
    const cs = getComputedStyle(el);
    return { what: name(el.parentElement) + ' ' + name(el), fill: cs.fill, opacity: opacityOf(el) * Number(cs.fillOpacity), background: backgroundOf(el) };
  });
  const outside = [];
  for (const svg of body.querySelectorAll('svg.ml-svg')) {
    if (!visible(svg)) continue;
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      if (!visible(t)) continue;
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.left < -1 || r.right > innerWidth + 1)
        outside.push({ chart: svg.getAttribute('data-chart'), text: t.textContent.slice(0, 30), left: r.left - box.left, right: r.right - box.right });
    }
  }
  const scroller = document.scrollingElement || root;
  return {
    vars: seenVars,
    panelBackground: backgroundOf(body),
    texts,
    title: [...body.querySelectorAll('#model-title')].filter(visible).map((el) => getComputedStyle(el).color),
    labels: [...body.querySelectorAll('svg.ml-svg .ml-label')].filter(visible).map((el) => getComputedStyle(el).fill),
    positive: marks('#chart-waterfall .step.ml-positive polygon'),
    negative: marks('#chart-waterfall .step.ml-negative polygon'),
    pageOverflow: scroller.scrollWidth - scroller.clientWidth,
    outside,
  };
}`;

// A function made from that source: playwright sends its text and calls it with the body and the variables' names.
const inPanel = new Function(`return ${IN_PANEL}`)() as (body: Element, vars: readonly string[]) => Seen;
const look = (view: FrameLocator) => view.locator('body').evaluate(inPanel, VARS);

/** Everything the theme's screenshot should show, as a list of what does not hold. */
function problemsOf(theme: string, tab: string, seen: Seen): string[] {
  const out: string[] = [];
  const at = `${theme}, ${tab}`;
  for (const name of VARS) if (!seen.vars[name].raw) out.push(`${at}: ${name} is not set in the webview`);
  const v = (name: VarName) => seen.vars[name].rgb;
  if (seen.panelBackground !== v('--vscode-editor-background'))
    out.push(
      `${at}: the panel's background ${seen.panelBackground} is not the editor's ${v('--vscode-editor-background')}`,
    );
  for (const c of seen.title)
    if (c !== v('--vscode-foreground'))
      out.push(`${at}: the title is ${c}, not the theme's foreground ${v('--vscode-foreground')}`);
  for (const t of seen.texts) {
    const [r, g, b, a] = parseColour(t.colour);
    const ratio = contrast([r, g, b, a * t.opacity], parseColour(t.background));
    if (ratio < 4.5)
      out.push(`${at}: "${t.text}" (${t.what}) is ${t.colour} on ${t.background}: contrast ${ratio.toFixed(2)}`);
  }
  if (tab === 'attributions') {
    if (!seen.labels.length) out.push(`${at}: no chart labels drawn`);
    for (const c of new Set(seen.labels))
      if (c !== v('--vscode-foreground'))
        out.push(`${at}: chart labels are ${c}, not the foreground ${v('--vscode-foreground')}`);
    if (!seen.positive.length || !seen.negative.length)
      out.push(`${at}: the waterfall shows ${seen.positive.length} positive and ${seen.negative.length} negative bars`);
    const marks: [MarkSeen[], VarName][] = [
      [seen.positive, '--vscode-charts-red'],
      [seen.negative, '--vscode-charts-blue'],
    ];
    for (const [list, name] of marks) {
      for (const m of list) {
        if (m.fill !== v(name)) out.push(`${at}: ${m.what} is ${m.fill}, not ${name} ${v(name)}`);
        const [r, g, b, a] = parseColour(m.fill);
        const ratio = contrast([r, g, b, a * m.opacity], parseColour(m.background));
        if (ratio < 3) out.push(`${at}: ${m.what} ${m.fill} on ${m.background}: contrast ${ratio.toFixed(2)} (< 3)`);
      }
    }
    if (v('--vscode-charts-red') === v('--vscode-charts-blue'))
      out.push(`${at}: positive and negative bars look alike`);
  }
  if (seen.pageOverflow > 1) out.push(`${at}: the panel scrolls sideways by ${seen.pageOverflow} px`);
  for (const o of seen.outside)
    out.push(`${at}: "${o.text}" runs out of the ${o.chart} chart (${o.left.toFixed(1)} / ${o.right.toFixed(1)} px)`);
  return out;
}

describe('themes: the panel follows light, dark and high-contrast', function () {
  this.timeout(300_000);
  let page!: Page;
  useWorkbench(
    'themes',
    (p) => (page = p),
    (p) => setTheme(p, 'light'),
  );

  it('in each theme its text and chart bars take the theme’s colours, read at 4.5:1, and stay inside', async () => {
    await contextMenuCommand(page, ['models', 'mlp_wine.onnx'], 'Explain Model');
    let view = await webview(page, 'mlp_wine.onnx');
    await view.locator('#run-once').click();
    await view.locator('#run-outputs').waitFor({ timeout: 30_000 });
    // Three rows explained, for the charts.
    await view.locator('#tab-button-attributions').click();
    await view.locator('#attr-data').waitFor({ timeout: 60_000 });
    await view.locator('#attr-pick-data').click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'wine.csv' }).first().click();
    // The picked file comes back through the host before it is in the form.
    const field = view.locator('#attr-data');
    for (let i = 0; i < 100 && (await field.inputValue()) !== '../data/wine.csv'; i++) await page.waitForTimeout(100);
    assert.equal(await field.inputValue(), '../data/wine.csv');
    await view.locator('#attr-rows').fill('0-2');
    await view.locator('#attr-rows').dispatchEvent('change');
    await view
      .locator('#attr-plan')
      .filter({ hasText: /kernel/ })
      .waitFor({ timeout: 60_000 });
    await view.locator('#attr-run').click();
    await view.locator('#chart-waterfall svg').waitFor({ timeout: 120_000 });
    // A class whose waterfall has bars both ways, so both colours are on screen.
    const bars = (kind: string) => view.locator(`#chart-waterfall .step.${kind}`).count();
    const classes = await view
      .locator('#attr-class option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')!));
    let mixed = false;
    for (const c of classes) {
      await view.locator('#attr-class').selectOption(c);
      for (let i = 0; i < 20 && !(mixed = (await bars('ml-positive')) > 0 && (await bars('ml-negative')) > 0); i++)
        await page.waitForTimeout(100);
      if (mixed) break;
    }
    assert.ok(mixed, `no class of row 0 has a waterfall with positive and negative bars (${classes.length} classes)`);

    const problems: string[] = [];
    const palettes = new Set<string>();
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await setTheme(page, theme);
      view = await webview(page, 'mlp_wine.onnx');
      await view.locator(`body.${THEMES[theme].bodyClass}`).waitFor({ timeout: 30_000 });
      await view.locator('#tab-button-overview').click();
      await view.locator('#run-outputs').waitFor({ timeout: 30_000 });
      const overview = await look(view);
      problems.push(...problemsOf(theme, 'overview', overview));
      palettes.add(VARS.map((name) => overview.vars[name].rgb).join(' '));
      await view.locator('#tab-button-attributions').click();
      await view.locator('#chart-waterfall .step polygon').first().waitFor({ timeout: 30_000 });
      // The charts draw again on a theme change: wait until their labels have the new foreground.
      let charts = await look(view);
      for (let i = 0; i < 50 && charts.labels.some((c) => c !== charts.vars['--vscode-foreground'].rgb); i++) {
        await page.waitForTimeout(100);
        charts = await look(view);
      }
      problems.push(...problemsOf(theme, 'attributions', charts));
      const palette = VARS.map((name) => `${name.replace('--vscode-', '')} ${charts.vars[name].rgb}`).join(', ');
      console.log(
        `    ${theme}: ${palette}; ${overview.texts.length} + ${charts.texts.length} texts, ` +
          `${charts.positive.length} + ${charts.negative.length} bars checked`,
      );
      await view.locator('#chart-waterfall').scrollIntoViewIfNeeded();
      await screenshot(page, `e2e-theme-${theme}`);
    }
    assert.equal(palettes.size, 3, `three different palettes: ${[...palettes].join(' | ')}`);
    assert.deepEqual(problems, []);
  });
});
