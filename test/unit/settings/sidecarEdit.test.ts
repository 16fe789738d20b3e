// Writing choices into a hand-written sidecar edits only the changed values: key order, indentation, spacing,
// unknown keys and the rest of the text stay byte for byte, and an unchanged choice writes nothing.
import assert from 'node:assert/strict';
import { editJsonFields } from '../../../src/engine/settings/jsonEdit';
import { DEFAULT_CHOICES, updateSidecarEvaluation, updateSidecarText } from '../../../src/engine/settings/sidecar';

// Four-space indent, a compact array, a key Model Lens does not know, no newline at the end.
const HAND_WRITTEN = `{
    "myNote":   "tuned by hand",
    "method" : "kernel",
    "featureNames": ["alcohol","ash"],
    "rows": "0-4",
    "samples": 500
}`;
const choicesOf = (extra: Record<string, unknown>) => ({
  ...DEFAULT_CHOICES,
  rows: '0-4',
  samples: 500,
  method: 'kernel',
  ...extra,
});

describe('the sidecar is edited in place', () => {
  it('a changed choice changes only its value, byte for byte', () => {
    const text = updateSidecarText(HAND_WRITTEN, choicesOf({ method: 'exact' }) as never);
    assert.equal(text, HAND_WRITTEN.replace('"kernel"', '"exact"'));
  });

  it('an unchanged choice writes nothing, and a default the file does not name is not added', () => {
    assert.equal(updateSidecarText(HAND_WRITTEN, choicesOf({}) as never), HAND_WRITTEN);
  });

  it('a new choice is added last with the same indent; a cleared one goes with its comma', () => {
    const added = updateSidecarText(HAND_WRITTEN, choicesOf({ data: 'wine.csv' }) as never)!;
    assert.equal(added, HAND_WRITTEN.replace('"samples": 500', '"samples": 500,\n    "data": "wine.csv"'));
    const cleared = updateSidecarText(HAND_WRITTEN, { ...choicesOf({}), samples: undefined } as never)!;
    assert.equal(cleared, HAND_WRITTEN.replace(',\n    "samples": 500', ''));
    assert.deepEqual(JSON.parse(cleared), {
      myNote: 'tuned by hand',
      method: 'kernel',
      featureNames: ['alcohol', 'ash'],
      rows: '0-4',
    });
  });

  it('the Evaluation tab writes the same way', () => {
    const text = updateSidecarEvaluation(HAND_WRITTEN, { threshold: 0.3 })!;
    assert.equal(text, HAND_WRITTEN.replace('"samples": 500', '"samples": 500,\n    "threshold": 0.3'));
    assert.equal(updateSidecarEvaluation(text, { threshold: null }), HAND_WRITTEN);
  });

  it('edits agree with JSON.parse on every kind of object text', () => {
    const cases = [
      '{}',
      '{"a":1}',
      '{ "a": [1, {"b": "}"}], "c": "x\\"y" }',
      '{\n\t"a": {"n": null},\n\t"b": true\n}\n',
    ];
    for (const text of cases) {
      const before = JSON.parse(text) as Record<string, unknown>;
      for (const edit of [{ a: 2 }, { z: 'new' }, { a: undefined }, { c: undefined, b: [1] }]) {
        const after = JSON.parse(editJsonFields(text, edit)) as Record<string, unknown>;
        const expected: Record<string, unknown> = { ...before, ...edit };
        for (const k of Object.keys(expected)) if (expected[k] === undefined) delete expected[k];
        assert.deepEqual(after, expected, `${text} with ${JSON.stringify(edit)}`);
      }
    }
  });
});
