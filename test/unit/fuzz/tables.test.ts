// Seeded fuzzing of the table loaders (CSV, TSV, JSON, NPY) and of the sidecar: every case ends in a table or a
// one-line error naming the file, promptly; a sidecar that is not a JSON object is never rewritten.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTable } from '../../../src/engine/data/loadTable';
import { CHOICE_FIELDS, parseSidecar, updateSidecarText } from '../../../src/engine/settings/sidecar';
import type { ExplainChoices } from '../../../src/protocol/messages';
import { writeNpy } from '../data/npyWriter';
import { seeded } from '../onnx/build';
import { mutateBytes, mutateJson, mutateText, runCase, type Tally } from './mutate';

const DATA = path.resolve(__dirname, '../../fixtures/data');
const encode = (s: string) => new TextEncoder().encode(s);

/** The seed files: a real CSV, its rows as TSV and the three JSON shapes, and NPY in several dtypes and orders. */
function seedFiles(): { name: string; bytes: Uint8Array }[] {
  const csv = readFileSync(path.join(DATA, 'wine.csv'), 'utf8');
  const lines = csv.split('\n').slice(0, 30);
  const header = lines[0].split(',');
  const rows = lines
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split(',').map(Number));
  const values = rows.flat();
  const [r, c] = [rows.length, header.length];
  return [
    { name: 'wine.csv', bytes: encode(lines.join('\n')) },
    { name: 'wine.tsv', bytes: encode(lines.map((l) => l.replaceAll(',', '\t')).join('\n')) },
    { name: 'rows.json', bytes: encode(JSON.stringify(rows)) },
    {
      name: 'objects.json',
      bytes: encode(JSON.stringify(rows.map((v) => Object.fromEntries(header.map((h, j) => [h, v[j]]))))),
    },
    { name: 'columns.json', bytes: encode(JSON.stringify({ columns: header, data: rows })) },
    { name: 'f8.npy', bytes: writeNpy(values, [r, c], '<f8') },
    { name: 'f4.npy', bytes: writeNpy(values, [r, c], '<f4', true) },
    { name: 'i8.npy', bytes: writeNpy(values.map(Math.round), [r, c], '<i8', false, 2) },
    {
      name: 'u1.npy',
      bytes: writeNpy(
        values.slice(0, c).map((v) => Math.round(v) % 256),
        [c],
        '|u1',
      ),
    },
    { name: 'be.npy', bytes: writeNpy(values, [r, c], '>f8') },
  ];
}

/** Loads the way the Explain job does, then checks the table is whole. */
function load(bytes: Uint8Array, name: string, allowMissing: boolean): void {
  const t = loadTable(bytes, name, { allowMissing });
  assert.equal(t.values.length, t.rows * t.cols, 'values are rows x cols');
  assert.equal(t.rowNumbers.length, t.rows);
  assert.equal(t.featureNames.length, t.cols);
  if (!allowMissing) assert.ok(t.values.every(Number.isFinite), 'no NaN unless missing values are allowed');
}

/** Seeds that found bugs, replayed first (see the loaders' fixes). */
const TABLE_REGRESSIONS = [
  1201, // a quoted cell with a line break made a DataError of two lines (DataError now escapes control characters)
  1135, // an NPY shape axis read as NaN gave a table of NaN rows (npy.ts now refuses axes that are not whole numbers)
];

describe('data loader fuzz (seeded)', function () {
  this.timeout(60_000);

  it('turns thousands of corrupted CSV, TSV, JSON and NPY files into a table or a one-line error naming the file', async () => {
    const seeds = seedFiles();
    const tally: Tally = { results: 0, errors: 0, worstMs: 0 };
    const cases = [...TABLE_REGRESSIONS, ...Array.from({ length: 3000 }, (_, i) => 1_000 + i)];
    for (const seed of cases) {
      const random = seeded(seed);
      const file = seeds[seed % seeds.length];
      const isNpy = file.name.endsWith('.npy');
      let bytes: Uint8Array;
      if (isNpy || random() < 0.2) bytes = mutateBytes(file.bytes, random);
      else if (file.name.endsWith('.json') && random() < 0.5) {
        bytes = encode(JSON.stringify(mutateJson(JSON.parse(new TextDecoder().decode(file.bytes)), random)));
      } else bytes = encode(mutateText(new TextDecoder().decode(file.bytes), random));
      const allowMissing = random() < 0.5;
      await runCase(tally, `table seed ${seed} (${file.name})`, file.name, () => load(bytes, file.name, allowMissing));
    }
    // Both endings occur: the fuzzer reaches past the parsers and into their refusals.
    assert.ok(tally.results > 300 && tally.errors > 300, JSON.stringify(tally));
  });
});

const SIDECAR = {
  version: 1,
  data: '../data/wine.csv',
  method: 'kernel',
  rows: '0-9',
  samples: 2048,
  seed: 3,
  link: 'identity',
  featureNames: ['a', 'b'],
  classNames: ['x', 'y'],
  labelColumn: 'cultivar',
  image: { preset: 'imagenet', resize: 'stretch', masker: { kind: 'blur', radius: 8 }, segments: { grid: 8 } },
  sequence: { window: 4, masker: 'mean' },
  text: { tokenizer: 'tokenizer.json', unit: 'word', masker: 'mask' },
  myNote: 'kept',
};

const CHOICES: ExplainChoices = { method: 'exact', rows: '1-2', seed: 7, data: 'x.csv', backgroundSize: 50 };

describe('sidecar fuzz (seeded)', function () {
  this.timeout(30_000);

  it('reads any text without throwing, and rewrites only a JSON object, keeping every field the user wrote', async () => {
    const original = JSON.stringify(SIDECAR, null, 2);
    const tally: Tally = { results: 0, errors: 0, worstMs: 0 };
    let refused = 0;
    for (let seed = 5_000; seed < 7_000; seed++) {
      const random = seeded(seed);
      const text = random() < 0.5 ? mutateText(original, random) : JSON.stringify(mutateJson(SIDECAR, random));
      await runCase(tally, `sidecar seed ${seed}`, 'm.onnx.lens.json', () => {
        const s = parseSidecar(text, 'm.onnx.lens.json');
        assert.ok(
          s.problems.every((p) => p.startsWith('m.onnx.lens.json: ') && !p.includes('\n')),
          s.problems.join('|'),
        );
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
        const updated = updateSidecarText(text, CHOICES);
        if (!isObject && text.trim() !== '') {
          assert.equal(updated, undefined, `seed ${seed}: a non-object sidecar would be overwritten`);
          refused++;
          return;
        }
        assert.ok(updated !== undefined);
        const after = JSON.parse(updated) as Record<string, unknown>;
        for (const [k, v] of Object.entries(isObject ? (parsed as Record<string, unknown>) : {})) {
          // Compared as JSON: the text is what is kept (-0 and 0 are one JSON number).
          if (!CHOICE_FIELDS.includes(k))
            assert.equal(JSON.stringify(after[k]), JSON.stringify(v), `seed ${seed}: field "${k}" changed`);
        }
        for (const k of CHOICE_FIELDS) {
          assert.deepEqual(after[k], (CHOICES as unknown as Record<string, unknown>)[k], `seed ${seed}: choice "${k}"`);
        }
      });
    }
    assert.ok(refused > 200 && tally.results === 2000, `${refused} refused; ${JSON.stringify(tally)}`);
  });
});
