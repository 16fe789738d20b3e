import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { attributionsToCsv, attributionsToJson } from '../../../webview/attributions/export';
import { cellText, explainedRowsTable, sortRows, type TableRow } from '../../../webview/attributions/model';
import { fakeAttribution } from '../../harness/attributions-preview/fakeAttribution';

describe('Explained rows table and exports', () => {
  const attr = fakeAttribution();

  it('lists every row with its values, predictions, argmax class and top 3 by |attribution|', () => {
    const view = explainedRowsTable(attr, { classIndex: 2 });
    assert.equal(view.rows.length, 40);
    assert.deepEqual(view.columns.map((c) => c.id).slice(0, 2), ['row', 'feature:0']);
    assert.ok(view.columns.some((c) => c.id === 'class'));
    for (const row of view.rows) {
      const p = attr.predictions[row.row];
      assert.equal(row.predictedClass, `class_${p.indexOf(Math.max(...p))}`);
      const brute = attr.values[row.row]
        .map((v, f) => ({ f, a: Math.abs(v[2]) }))
        .sort((a, b) => b.a - a.a)
        .slice(0, 3)
        .map((e) => e.f);
      assert.deepEqual(
        row.top.map((t) => t.featureIndex),
        brute,
      );
    }
    assert.match(cellText(view.rows[0], 'top'), /^\S+ [+-]\d/);
  });

  it('sorts by any column, stably, with missing values last in both directions', () => {
    const rows = explainedRowsTable(attr, { classIndex: 0 }).rows;
    const isSorted = (list: TableRow[], get: (r: TableRow) => number, desc: boolean) => {
      for (let i = 1; i < list.length; i++)
        assert.ok(desc ? get(list[i - 1]) >= get(list[i]) : get(list[i - 1]) <= get(list[i]));
    };
    const up = sortRows(rows, { column: 'prediction:1', descending: false });
    isSorted(up, (r) => r.prediction[1], false);
    isSorted(sortRows(rows, { column: 'prediction:1', descending: true }), (r) => r.prediction[1], true);
    isSorted(sortRows(rows, { column: 'top', descending: true }), (r) => Math.abs(r.top[0].value), true);
    assert.equal(up.length, rows.length);
    // Magnesium of row 3 is missing: last either way.
    for (const descending of [false, true]) {
      const byMagnesium = sortRows(rows, { column: 'feature:4', descending });
      assert.equal(byMagnesium.at(-1)?.row, 3);
      isSorted(byMagnesium.slice(0, -1), (r) => r.featureValues[4], descending);
    }
    // Stable: equal keys keep their previous order.
    const byClass = sortRows(rows, { column: 'class', descending: false });
    for (let i = 1; i < byClass.length; i++) {
      const [a, b] = [byClass[i - 1], byClass[i]];
      assert.ok(a.predictedClass < b.predictedClass || (a.predictedClass === b.predictedClass && a.row < b.row));
    }
    const reordered = sortRows(sortRows(rows, { column: 'prediction:0', descending: true }), {
      column: 'class',
      descending: false,
    });
    for (let i = 1; i < reordered.length; i++) {
      const [a, b] = [reordered[i - 1], reordered[i]];
      if (a.predictedClass === b.predictedClass) assert.ok(a.prediction[0] >= b.prediction[0]);
    }
    assert.deepEqual(
      rows.map((r) => r.row),
      [...Array(40).keys()],
      'the input is not mutated',
    );
  });

  it('CSV has one line per row x feature x class and parses back to the same numbers', () => {
    const named = { ...attr, feature_names: attr.feature_names.map((f, i) => (i === 0 ? 'alcohol, "pct"' : f)) };
    const records = parse(attributionsToCsv(named), { columns: true }) as Record<string, string>[];
    assert.equal(records.length, 40 * 13 * 3);
    assert.deepEqual(Object.keys(records[0]), ['row', 'feature', 'class', 'value', 'feature_value']);
    let i = 0;
    for (let r = 0; r < 40; r++)
      for (let f = 0; f < 13; f++)
        for (let c = 0; c < 3; c++, i++) {
          const rec = records[i];
          assert.equal(Number(rec.row), attr.rows[r]);
          assert.equal(rec.feature, named.feature_names[f]);
          assert.equal(rec.class, `class_${c}`);
          assert.equal(Number(rec.value), attr.values[r][f][c]);
          const fv = attr.feature_values[r][f];
          if (Number.isNaN(fv)) assert.equal(rec.feature_value, 'NaN');
          else assert.equal(Number(rec.feature_value), fv);
        }
  });

  it('CSV text cells that would start a spreadsheet formula get a quote; numbers, negative ones too, stay numbers', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rx', '-0.25', 'plain', '-'];
    const named = {
      ...attr,
      feature_names: attr.feature_names.map((f, i) => hostile[i] ?? f),
      output_columns: ['=1+1', '-1', '@x'],
    };
    const records = parse(attributionsToCsv(named), { columns: true }) as Record<string, string>[];
    const features = [...new Set(records.map((r) => r.feature))];
    assert.deepEqual(features.slice(0, hostile.length), [
      '\'=HYPERLINK("http://x","y")',
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tcmd",
      "'\rx",
      '-0.25',
      'plain',
      "'-",
    ]);
    assert.deepEqual([...new Set(records.map((r) => r.class))], ["'=1+1", '-1', "'@x"]);
    // Every value cell is still the number itself, negative ones included (no quote, parses back exactly).
    const negatives = records.filter((r) => r.value.startsWith('-'));
    assert.ok(negatives.length > 100);
    for (const r of records) assert.ok(!r.value.startsWith("'") && Number.isFinite(Number(r.value)), r.value);
  });

  it('JSON is the Attribution object as is', () => {
    const clean = { ...attr, feature_values: attr.feature_values.map((r) => r.map((v) => (Number.isNaN(v) ? 0 : v))) };
    assert.deepEqual(JSON.parse(attributionsToJson(clean)), clean);
  });
});
