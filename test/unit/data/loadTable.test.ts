// Data loaders: the same table through CSV, TSV, JSON (three shapes) and NPY (every dtype, C and
// Fortran order) gives the same numbers; every bad cell is named by file, editor row and column.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTable } from '../../../src/engine/data/loadTable';
import { matchToModel } from '../../../src/engine/data/match';
import { DataError, type Table } from '../../../src/engine/data/table';
import { writeNpy, type NpyDtype } from './npyWriter';

const NAMES = ['alcohol', 'malic acid', 'ash'];
const ROWS = [
  [14.23, 1.71, 2.43],
  [13.2, -1.78e-3, 2.14],
  [13.16, 2.36, 0],
  [1e5, 0.5, 7],
];

function csv(delimiter: string): string {
  return [NAMES.join(delimiter), ...ROWS.map((r) => r.join(delimiter))].join('\n') + '\n';
}

function assertSame(t: Table, names: string[] | undefined): void {
  assert.equal(t.rows, ROWS.length);
  assert.equal(t.cols, 3);
  assert.deepEqual(Array.from(t.values), ROWS.flat());
  if (names) assert.deepEqual(t.featureNames, names);
}

function dataError(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DataError, `expected a DataError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a DataError');
}

describe('loadTable round trips', () => {
  it('CSV with , ; and tab delimiters, and a BOM and CRLF', () => {
    assertSame(loadTable(csv(','), 'wine.csv'), NAMES);
    assertSame(loadTable(csv(';'), 'wine.csv'), NAMES);
    assertSame(loadTable(csv('\t'), 'wine.tsv'), NAMES);
    assertSame(loadTable(new TextEncoder().encode('\uFEFF' + csv('\t').replace(/\n/g, '\r\n')), 'wine.csv'), NAMES);
  });

  it('CSV without a header', () => {
    const t = loadTable(ROWS.map((r) => r.join(',')).join('\n'), 'plain.csv');
    assertSame(t, ['column 1', 'column 2', 'column 3']);
    assert.equal(t.named, false);
    assert.deepEqual(Array.from(t.rowNumbers), [1, 2, 3, 4]);
  });

  it('JSON as rows, as objects keyed by name, and as { columns, data }', () => {
    assertSame(loadTable(JSON.stringify(ROWS), 'wine.json'), undefined);
    const objects = ROWS.map((r) => Object.fromEntries(NAMES.map((n, j) => [n, r[j]])));
    assertSame(loadTable(JSON.stringify(objects), 'wine.json'), NAMES);
    assertSame(loadTable(JSON.stringify({ columns: NAMES, data: ROWS }), 'wine.json'), NAMES);
  });

  const dtypes: [NpyDtype, number[][]][] = [
    ['<f8', ROWS],
    ['>f8', ROWS],
    ['<f4', ROWS.map((r) => r.map(Math.fround))],
    [
      '<i4',
      [
        [1, -2, 3],
        [4, 5, -6],
      ],
    ],
    [
      '<i8',
      [
        [2 ** 40, -7, 0],
        [1, 2, 3],
      ],
    ],
    [
      '|u1',
      [
        [0, 255, 7],
        [1, 2, 3],
      ],
    ],
    [
      '|b1',
      [
        [1, 0, 1],
        [0, 0, 1],
      ],
    ],
  ];
  for (const [dtype, rows] of dtypes) {
    for (const fortran of [false, true]) {
      it(`NPY ${dtype} ${fortran ? 'Fortran' : 'C'} order`, () => {
        const bytes = writeNpy(rows.flat(), [rows.length, 3], dtype, fortran);
        const t = loadTable(bytes, 'x.npy');
        assert.equal(t.rows, rows.length);
        assert.equal(t.cols, 3);
        assert.deepEqual(Array.from(t.values), rows.flat());
      });
    }
  }

  it('NPY 1-D is one row, and format version 2 headers are read', () => {
    const t = loadTable(writeNpy([1, 2, 3, 4], [4], '<f8'), 'row.npy');
    assert.deepEqual([t.rows, t.cols], [1, 4]);
    assertSame(loadTable(writeNpy(ROWS.flat(), [4, 3], '<f8', false, 2), 'v2.npy'), undefined);
  });

  it('a text-only column is kept apart as labels', () => {
    const t = loadTable('a,species,b\n1,setosa,2\n3,virginica,4\n', 'iris.csv');
    assert.deepEqual(t.featureNames, ['a', 'b']);
    assert.deepEqual(Array.from(t.values), [1, 2, 3, 4]);
    assert.deepEqual(t.labels, [{ name: 'species', column: 2, values: ['setosa', 'virginica'] }]);
    assert.deepEqual(Array.from(t.columnNumbers), [1, 3]);
  });
});

describe('loadTable errors name the file, row and column', () => {
  const body = (lines: string[]): string => ['alcohol,malic,ash', ...lines].join('\n');

  it('a non-numeric cell: row counts the header line as the editor does', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `${i},1,2`);
    lines[10] = '1,2,abc';
    const e = dataError(() => loadTable(body(lines), 'wine.csv'));
    assert.equal(e.message, 'wine.csv: row 12, column "ash" (3): "abc" is not a number');
    assert.deepEqual([e.file, e.row, e.columnName, e.columnNumber], ['wine.csv', 12, 'ash', 3]);
  });

  it('blank lines and quoted multi-line cells do not shift the row number', () => {
    const e = dataError(() => loadTable(body(['1,2,3', '', '"4",5,6', '7,x,9']), 'wine.csv'));
    assert.deepEqual([e.row, e.columnName, e.columnNumber], [5, 'malic', 2]);
    const m = dataError(() => loadTable(body(['1,2,"3\n"', '7,8,9', '1,2,?']), 'wine.csv'));
    assert.deepEqual([m.row, m.columnName, m.columnNumber], [5, 'ash', 3]);
  });

  it('an empty cell, NaN and Infinity', () => {
    assert.match(
      dataError(() => loadTable(body(['1,,3']), 'w.csv')).message,
      /^w\.csv: row 2, column "malic" \(2\): is empty$/,
    );
    assert.match(
      dataError(() => loadTable(body(['1,2,NaN']), 'w.csv')).message,
      /row 2, column "ash" \(3\): "NaN" is not a finite number/,
    );
    assert.match(
      dataError(() => loadTable(body(['1,2,3', '-Infinity,2,3']), 'w.csv')).message,
      /row 3, column "alcohol" \(1\): "-Infinity"/,
    );
    assert.match(
      dataError(() => loadTable(body(['1,2,1e999']), 'w.csv')).message,
      /row 2, column "ash" \(3\): "1e999" is out of range/,
    );
  });

  it('a row of the wrong width', () => {
    const e = dataError(() => loadTable(body(['1,2,3', '1,2']), 'dir/w.csv'));
    assert.equal(e.message, 'w.csv: row 3: has 2 cells, the header has 3');
  });

  it('JSON: missing key, null, string, wrong width', () => {
    const objects = [{ a: 1, b: 2 }, { a: 3 }];
    assert.equal(
      dataError(() => loadTable(JSON.stringify(objects), 'd.json')).message,
      'd.json: row 2, column "b" (2): is missing',
    );
    const nulls = {
      columns: ['a', 'b'],
      data: [
        [1, 2],
        [3, null],
      ],
    };
    assert.equal(
      dataError(() => loadTable(JSON.stringify(nulls), 'd.json')).message,
      'd.json: row 2, column "b" (2): is missing',
    );
    assert.equal(
      dataError(() => loadTable('[[1, 2], [3, "x"]]', 'd.json')).message,
      'd.json: row 2, column 2: "x" is not a number',
    );
    assert.equal(
      dataError(() => loadTable('[[1, 2], [3]]', 'd.json')).message,
      'd.json: row 2: has 1 values, row 1 has 2',
    );
  });

  it('NPY: NaN and Infinity cells, and unsupported dtypes or shapes', () => {
    const e = dataError(() => loadTable(writeNpy([1, 2, 3, 4, NaN, 6], [2, 3], '<f8'), 'x.npy'));
    assert.equal(e.message, 'x.npy: row 2, column 2: NaN is not a finite number');
    const f = dataError(() => loadTable(writeNpy([1, 2, 3, Infinity, 5, 6], [2, 3], '<f4', true), 'x.npy'));
    assert.deepEqual([f.row, f.columnNumber], [2, 1]);
    const bytes = writeNpy([1, 2], [2], '<f8');
    const text = new TextDecoder('latin1').decode(bytes).replace("'<f8'", "'<c8'");
    assert.match(
      dataError(() =>
        loadTable(
          Uint8Array.from(text, (c) => c.charCodeAt(0)),
          'x.npy',
        ),
      ).message,
      /dtype <c8/,
    );
    assert.match(
      dataError(() => loadTable(writeNpy([1, 2], [1, 1, 2] as number[], '<f8'), 'x.npy')).message,
      /1-D or 2-D/,
    );
  });
});

describe('matchToModel', () => {
  const t = loadTable('bmi,age,target,sex\n1,2,3,4\n5,6,7,8\n', 'd.csv');

  it('W numeric columns are used in order, or by name when the names all match', () => {
    assert.deepEqual(Array.from(matchToModel(t, 4).values), [1, 2, 3, 4, 5, 6, 7, 8]);
    const named = matchToModel(t, 4, ['age', 'sex', 'bmi', 'target']);
    assert.deepEqual(Array.from(named.values), [2, 4, 1, 3, 6, 8, 5, 7]);
  });

  it('more columns than W: matched by name, the rest exposed', () => {
    const m = matchToModel(t, 3, ['age', 'sex', 'bmi']);
    assert.deepEqual(Array.from(m.values), [2, 4, 1, 6, 8, 5]);
    assert.deepEqual(
      m.extra.map((x) => [x.name, Array.from(x.values as Float64Array)]),
      [['target', [3, 7]]],
    );
  });

  it('clear errors when names are missing or the widths cannot fit', () => {
    assert.match(
      dataError(() => matchToModel(t, 3)).message,
      /^d\.csv: has 4 numeric columns, the model takes 3; give/,
    );
    assert.match(dataError(() => matchToModel(t, 3, ['age', 'bp', 'bmi'])).message, /has no column "bp"/);
    assert.match(dataError(() => matchToModel(t, 5)).message, /has 4 numeric columns, the model takes 5$/);
  });

  it('the TreeSHAP benchmark data: 11 columns fit the 10-feature model by name, target left over', () => {
    const file = path.join(__dirname, '..', '..', 'fixtures', 'models', 'gbr100_depth6.csv');
    const table = loadTable(readFileSync(file), file);
    const names = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'];
    const m = matchToModel(table, 10, names);
    assert.equal(m.rows, 442);
    assert.deepEqual(
      m.extra.map((x) => x.name),
      ['target'],
    );
  });
});
