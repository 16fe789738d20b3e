// The one page shape every report and webview uses: its CSP is the first policy the parser sees, its title escaped.
import assert from 'node:assert/strict';
import { buildReportHtml } from '../../../src/engine/report/html';
import { htmlPage } from '../../../src/engine/report/page';
import { fakeAttribution } from '../../harness/attributions-preview/fakeAttribution';

/** Where each tag first opens, or -1. */
const at = (html: string, tag: string) => html.indexOf(`<${tag}`);

function assertCspFirst(html: string, csp: string): void {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
  assert.equal(html.split(meta).length, 2, 'exactly one CSP meta');
  const cspAt = html.indexOf(meta);
  assert.ok(cspAt > at(html, 'head') && cspAt < html.indexOf('</head>'));
  // Nothing that loads or runs comes before the policy that governs it.
  for (const tag of ['script', 'style', 'link', 'img'])
    assert.ok(at(html, tag) === -1 || at(html, tag) > cspAt, `<${tag}> after the CSP`);
}

describe('HTML page shape', () => {
  it('puts the CSP first, escapes the title and keeps head and body parts in their places', () => {
    const html = htmlPage({
      csp: "default-src 'none'",
      title: 'a <b>&"\'',
      head: ['<link rel="stylesheet" href="x.css">'],
      bodyClass: 'k',
      body: ['<main></main>', '<script src="x.js"></script>'],
    });
    assertCspFirst(html, "default-src 'none'");
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n'));
    assert.ok(html.includes('<title>a &#60;b&#62;&#38;&#34;&#39;</title>'));
    assert.ok(!html.includes('<b>'));
    assert.ok(at(html, 'link') < html.indexOf('</head>'));
    assert.ok(html.indexOf('<body class="k">') < at(html, 'main'));
    assert.ok(html.trimEnd().endsWith('</body>\n</html>'));
  });

  it('gives the HTML report the report CSP before its inline style and scripts', () => {
    const html = buildReportHtml({
      title: 'T',
      modelSummary: {},
      settings: {},
      attribution: fakeAttribution(),
      scriptText: 'void 0;',
      cssText: 'body{}',
    });
    assertCspFirst(html, "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:");
  });
});
