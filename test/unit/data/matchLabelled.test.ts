// A labelled table fitted to a model: the label column is set aside before the widths are compared.
import assert from 'node:assert/strict';
import { loadTable } from '../../../src/engine/data/loadTable';
import { matchLabelled, matchToModel } from '../../../src/engine/data/match';

const FEATURES = ['a', 'b', 'c'];
const ROWS = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9.5],
];
const LABELS = [0, 1, 1];

/** A CSV of ROWS with the label column inserted before feature `at` (at = 3: last). */
function csv(at: number, labels: (string | number)[] = LABELS, name = 'y'): string {
  const header = [...FEATURES];
  header.splice(at, 0, name);
  const lines = ROWS.map((r, i) => {
    const cells: (string | number)[] = [...r];
    cells.splice(at, 0, labels[i]);
    return cells.join(',');
  });
  return [header.join(','), ...lines].join('\n');
}

const table = (text: string) => loadTable(text, 'labelled.csv');
const plain = () => matchToModel(table([FEATURES.join(','), ...ROWS.map((r) => r.join(','))].join('\n')), 3);

describe('matchLabelled: the label column set aside before matching', () => {
  for (const [where, at] of [
    ['first', 0],
    ['in the middle', 1],
    ['last', 3],
  ] as const) {
    it(`a numeric label ${where}, a model without feature names: the same rows as the file without it`, () => {
      const m = matchLabelled(table(csv(at)), 'y', 3);
      assert.deepEqual(Array.from(m.values), Array.from(plain().values));
      assert.deepEqual(m.featureNames, FEATURES);
      const label = m.extra.find((e) => e.name === 'y');
      assert.ok(label && label.values instanceof Float64Array);
      assert.deepEqual(Array.from(label.values), LABELS);
      // Source columns point into the whole table (label included).
      const whole = table(csv(at));
      assert.deepEqual(
        m.sourceColumns.map((j) => whole.featureNames[j]),
        FEATURES,
      );
    });
  }

  it('a label of class names: kept as text, the numeric columns matched as they are', () => {
    const m = matchLabelled(table(csv(2, ['cat', 'dog', 'dog'])), 'y', 3);
    assert.deepEqual(Array.from(m.values), Array.from(plain().values));
    assert.deepEqual(m.extra.find((e) => e.name === 'y')?.values, ['cat', 'dog', 'dog']);
  });

  it("the model's names still reorder the file once the label is aside", () => {
    const text = ['c,y,a,b', ...ROWS.map((r, i) => [r[2], LABELS[i], r[0], r[1]].join(','))].join('\n');
    const m = matchLabelled(table(text), 'y', 3, FEATURES);
    assert.deepEqual(Array.from(m.values), Array.from(plain().values));
  });

  it('a label the file does not hold: the file and the column are named', () => {
    assert.throws(
      () => matchLabelled(table(csv(3)), 'target', 3),
      /^DataError: labelled\.csv: has no label column "target" \(its columns: "a", "b", "c", "y"\)$/,
    );
  });

  it("a label that is one of the model's inputs is refused", () => {
    assert.throws(
      () => matchLabelled(table(csv(3)), 'b', 3, FEATURES),
      /^DataError: labelled\.csv: the label column "b" is one of the model's inputs$/,
    );
  });

  it('widths that still disagree without the label: the usual messages, counting the features only', () => {
    const wide = 'a,b,c,id,y\n1,2,3,4,0\n5,6,7,8,1';
    assert.throws(
      () => matchLabelled(table(wide), 'y', 3),
      /labelled\.csv: has 4 numeric columns besides the label "y", the model takes 3; give the model's feature names to pick them/,
    );
    assert.throws(
      () => matchLabelled(table('a,b,y\n1,2,0'), 'y', 3),
      /labelled\.csv: has 2 numeric columns besides the label "y", the model takes 3$/,
    );
  });

  it('a headerless file: the label is named by its column number', () => {
    const m = matchLabelled(table('0,1,2,3\n1,4,5,6\n1,7,8,9.5'), 'column 1', 3);
    assert.deepEqual(Array.from(m.values), Array.from(plain().values));
  });
});
