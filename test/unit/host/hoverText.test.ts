// The hover's model text renders model-supplied strings as the same plain text: never a link, image, command or HTML.
// It is rendered here with marked, the markdown library VS Code's hovers use.

import assert from 'node:assert/strict';
import { marked } from 'marked';
import { commandArgs, escapeMarkdown, hoverText } from '../../../src/host/codeLens/hoverText';
import type { LoadedModel, ModelIo } from '../../../src/protocol/messages';

const HOSTILE = [
  '[x](command:workbench.action.quit)',
  '![i](http://a/b.png)',
  '<img src=x onerror=alert(1)>',
  '`code` and ``` fences ```',
  'a | b \\| c \\\\| d',
  'http://evil.example/x and www.evil.example',
  '<https://a.example>',
  '**bold** _it_ ~~s~~ &amp; &#60;',
  '# heading\n- item\n1. one\r\n> quote',
  '[ref]: http://a.example "t"',
  '$(alert) $(zap)',
];

const io = (name: string, shape: (number | string | null)[] = [null, 3]): ModelIo => ({
  name,
  isTensor: true,
  elementType: 'float32',
  shape,
});

function model(names: string[]): LoadedModel {
  return {
    modelId: 'm1',
    fileName: '[evil](command:workbench.action.quit).onnx',
    bytes: 2048,
    inputs: names.map((n) => io(n, [n, 2])),
    outputs: names.map((n) => io(n)),
    notes: [],
    loadMs: 0,
  };
}

/** Text content of rendered HTML: tags dropped, the entities marked produces decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('hover text from a model file', () => {
  it('renders hostile names as their own text: no link, image, HTML, code or extra cell', () => {
    const html = marked.parse(hoverText(model(HOSTILE)), { gfm: true, async: false });
    for (const tag of ['<a', '<img', '<code', '<em', '<del', '<h1', '<li', '<blockquote'])
      assert.ok(!html.includes(tag), `${tag} in ${html}`);
    // Only our own bold file name: exactly one <strong>.
    assert.equal(html.match(/<strong>/g)?.length, 1);
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1])),
    );
    const body = rows.filter((r) => r.length > 0);
    assert.equal(body.length, 2 * HOSTILE.length, 'one row per input and output');
    const shown = (s: string) => s.replace(/[\r\n]+/g, ' ');
    HOSTILE.forEach((name, i) => {
      assert.deepEqual(body[i], [shown(name), 'float32', `[${shown(name)}, 2]`]);
      assert.deepEqual(body[HOSTILE.length + i], [shown(name), 'float32', '[?, 3]']);
    });
    assert.match(textOf(html), /\[evil\]\(command:workbench\.action\.quit\)\.onnx · 2\.0 KB/);
  });

  it('escapes every ASCII punctuation mark and keeps letters, digits and other text', () => {
    assert.equal(escapeMarkdown('a_b-c.d'), 'a\\_b\\-c\\.d');
    assert.equal(escapeMarkdown('größe 3'), 'größe 3');
    assert.equal(escapeMarkdown('x\ny\r\nz'), 'x y z');
    const punct = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
    assert.equal(escapeMarkdown(punct), [...punct].map((c) => `\\${c}`).join(''));
    assert.equal(escapeMarkdown('n'.repeat(500)).length, 201);
  });

  it('encodes command arguments so a path cannot end the link', () => {
    const arg = commandArgs(["file:///a/b (1)/m's!*.onnx"]);
    assert.ok(!/[()'!*\s]/.test(arg), arg);
    assert.deepEqual(JSON.parse(decodeURIComponent(arg)), ["file:///a/b (1)/m's!*.onnx"]);
  });
});
