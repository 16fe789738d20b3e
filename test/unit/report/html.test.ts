import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { REPORT_CSP, buildReportHtml, inlineScript, inlineStyle, jsonForScript } from '../../../src/engine/report/html';
import { parseReportData } from '../../../webview/report/data';
import {
  fakeAttribution,
  fakeImportance,
  fakePartialDependence,
} from '../../harness/attributions-preview/fakeAttribution';

const root = join(__dirname, '..', '..', '..');

/** The JSON script element's text, found the way the HTML parser ends it: at the first `</script`. */
function embeddedJson(html: string): string {
  const open = '<script type="application/json" id="report-data">';
  const start = html.indexOf(open) + open.length;
  assert.ok(start >= open.length);
  return html.slice(start, html.toLowerCase().indexOf('</script', start));
}

/** src/href attributes (and CSS url()) that would fetch from elsewhere. */
function externalReferences(html: string): string[] {
  const attrs = [...html.matchAll(/\b(?:src|href|action|srcset)\s*=\s*["']?\s*((?:https?:)?\/\/[^"'\s>]*)/gi)].map(
    (m) => m[0],
  );
  const urls = [...html.matchAll(/url\(\s*["']?\s*((?:https?:)?\/\/[^)"']*)/gi)].map((m) => m[0]);
  const imports = [...html.matchAll(/@import/gi)].map((m) => m[0]);
  return [...attrs, ...urls, ...imports];
}

describe('HTML report', () => {
  const attribution = fakeAttribution();
  const nasty = 'x</script><script>alert(1)</script><!-- & \u2028';
  const base = {
    title: 'Report <b>&</b>',
    modelSummary: { file: 'model.onnx', note: nasty, opset: 17 },
    settings: { method: 'kernel', samples: 2048 },
    attribution: { ...attribution, feature_names: attribution.feature_names.map((f, i) => (i === 0 ? nasty : f)) },
    importance: fakeImportance(),
    pdp: fakePartialDependence(),
    scriptText: 'console.log("</script>", "<!--");',
    cssText: 'body { color: red } /* </style> */',
  };

  it('embeds the data so that it parses back exactly, even with </script> and <!-- in strings', () => {
    const html = buildReportHtml(base);
    const text = embeddedJson(html);
    assert.ok(!/<\/script|<!--/i.test(text));
    const back = parseReportData(text);
    assert.equal(back.title, base.title);
    assert.deepEqual(back.modelSummary, base.modelSummary);
    assert.deepEqual(back.settings, base.settings);
    assert.deepEqual(back.importance, base.importance);
    assert.deepEqual(back.pdp, [base.pdp]);
    // NaN survives as null in JSON and comes back as NaN; every other number is bit-identical.
    assert.deepEqual(back.attribution, base.attribution);
    assert.ok(Number.isNaN(back.attribution.feature_values[3][4]));
  });

  it('inlines the script and styles without letting them end their elements, under an inline-only CSP', () => {
    const html = buildReportHtml(base);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`));
    assert.equal(html.match(/<\/script>/gi)?.length, 2, 'only the two real script ends');
    assert.equal(html.match(/<\/style>/gi)?.length, 1);
    assert.ok(html.includes('<title>Report &#60;b&#62;&#38;&#60;/b&#62;</title>'));
    assert.equal(inlineScript('a = "</SCRIPT>"'), 'a = "<\\/SCRIPT>"');
    assert.equal(inlineScript('a();\n//# sourceMappingURL=report.js.map\n'), 'a();\n');
    assert.equal(inlineStyle('b{}\n/*# sourceMappingURL=report.css.map */\n'), 'b{}\n');
    assert.equal(JSON.parse(jsonForScript({ s: '</script><!--\u2028' })).s, '</script><!--\u2028');
  });

  it('the real report bundle makes a page with no external URL', async function () {
    this.timeout(20000);
    const result = await esbuild.build({
      entryPoints: { report: join(root, 'webview/report/main.ts') },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      write: false,
      sourcemap: true,
      outdir: join(root, 'test-results', 'report-bundle'),
      logLevel: 'silent',
    });
    const js = result.outputFiles.find((f) => f.path.endsWith('report.js'))?.text ?? '';
    const css = result.outputFiles.find((f) => f.path.endsWith('report.css'))?.text ?? '';
    assert.ok(js.length > 10000 && css.includes('--vscode-charts-red'));
    const html = buildReportHtml({ ...base, scriptText: js, cssText: css });
    assert.deepEqual(externalReferences(html), []);
    assert.ok(
      js.includes('sourceMappingURL') && !html.includes('sourceMappingURL'),
      'the map comment of a development build is dropped',
    );
    assert.ok(!/<(?:link|iframe|object|embed|img)\b/i.test(html.replace(js, '')), 'no element that loads');
    assert.deepEqual(externalReferences('<img src="https://x/y.png"><a href="//cdn/x">'), [
      'src="https://x/y.png',
      'href="//cdn/x',
    ]);
  });
});
