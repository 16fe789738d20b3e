// The Attributions form per input kind: which fields apply, the data field's hint, and a text run's classes.

import assert from 'node:assert/strict';
import type { ExplainChoices } from '../../../src/protocol/messages';
import { EVERY_CLASS_UP_TO, formLayout, textRunChoices } from '../../../webview/attributions/panelModel';

describe('Attributions form per input kind', () => {
  it('pictures have no Background rows or Link; tables and texts keep them', () => {
    assert.deepEqual([formLayout('image').backgroundRows, formLayout('image').link], [false, false]);
    for (const kind of ['table', 'text', 'sequence', undefined] as const) {
      assert.ok(formLayout(kind).backgroundRows && formLayout(kind).link, String(kind));
    }
  });

  it("a text model's data hint names what it reads, not CSV, JSON or .npy", () => {
    const hint = formLayout('text').dataHint;
    for (const ext of ['.txt', '.csv', '.jsonl']) assert.ok(hint.includes(ext), ext);
    assert.match(hint, /type/);
    assert.doesNotMatch(hint, /\.npy|JSON or/);
    assert.equal(formLayout('table').dataHint, 'CSV, JSON or .npy');
    assert.doesNotMatch(formLayout('image').dataHint, /CSV/);
  });

  it('a text run with no class choice explains every class (when few), so all rows share one class', () => {
    const c: ExplainChoices = { data: 'reviews.txt', method: 'auto' };
    assert.equal(textRunChoices(c, 'text', 2).classes, 2);
    assert.equal(textRunChoices(c, 'text', EVERY_CLASS_UP_TO).classes, EVERY_CLASS_UP_TO);
    // Many classes, one class, an unknown count, another kind, or the user's own choice: unchanged.
    for (const [choices, kind, n] of [
      [c, 'text', EVERY_CLASS_UP_TO + 1],
      [c, 'text', 1],
      [c, 'text', undefined],
      [c, 'image', 2],
      [c, 'table', 2],
      [{ ...c, classes: 1 }, 'text', 2],
      [{ ...c, targetClass: 'positive' }, 'text', 2],
      [{ ...c, target: 'predicted' }, 'text', 2],
    ] as const)
      assert.deepEqual(textRunChoices(choices, kind, n), choices, `${kind} ${n} ${JSON.stringify(choices)}`);
  });
});
