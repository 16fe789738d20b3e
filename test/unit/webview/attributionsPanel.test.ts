// The Attributions tab's pure state: form text to choices (and back), and the progress and plan lines.

import assert from 'node:assert/strict';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import {
  afterUnfinishedRun,
  choicesFromFields,
  defaultLabelColumn,
  fieldsFromChoices,
  hasClassFields,
  outcomeText,
  panelErrorText,
  partialText,
  planText,
  progressText,
  rowNoun,
  type FormFields,
} from '../../../webview/attributions/panelModel';

const fields: FormFields = {
  data: ' ../data/wine.csv ',
  background: '',
  backgroundSize: '50',
  rows: '0-9, 12',
  method: 'kernel',
  output: '',
  samples: '',
  seed: '7',
  link: 'identity',
  classes: '',
  targetClass: '',
  target: '',
};

describe('Attributions tab state', () => {
  it('takes an output target as the CLI writes it, and names a wrong one', () => {
    const r = choicesFromFields({ ...fields, target: ' region:0,0,16,96@0 ' });
    assert.ok('choices' in r);
    assert.equal(r.choices.target, 'region:0,0,16,96@0');
    assert.equal(fieldsFromChoices(r.choices).target, 'region:0,0,16,96@0');
    const bad = choicesFromFields({ ...fields, target: 'box 1' });
    assert.ok('error' in bad && /Target "box 1"/.test(bad.error));
  });

  it('turns the form into choices, leaving out what is blank, and back into the same form', () => {
    const r = choicesFromFields(fields);
    assert.ok('choices' in r);
    assert.deepEqual(r.choices, {
      data: '../data/wine.csv',
      background: undefined,
      backgroundSize: 50,
      rows: '0-9, 12',
      method: 'kernel',
      output: undefined,
      samples: undefined,
      seed: 7,
      link: undefined,
    });
    assert.deepEqual(fieldsFromChoices(r.choices), { ...fields, data: '../data/wine.csv' });
  });

  it('says which field is wrong', () => {
    const error = (f: Partial<FormFields>) => {
      const r = choicesFromFields({ ...fields, ...f });
      return 'error' in r ? r.error : '';
    };
    assert.match(error({ data: '  ' }), /Choose a data file/);
    assert.match(error({ backgroundSize: '0' }), /Background size must be a whole number of at least 1/);
    assert.match(error({ samples: '2.5' }), /Samples must be a whole number/);
    assert.match(error({ seed: '-1' }), /Seed must be a whole number of at least 0/);
    assert.match(error({ rows: '5-' }), /Rows "5-"/);
    assert.match(error({ method: 'shap' }), /Unknown method "shap"/);
    assert.equal(error({ link: 'logit' }), '');
  });

  it('a typed-in sentence stands in for the data file; Classes and Class go along when filled', () => {
    const r = choicesFromFields({ ...fields, data: '', classes: '2', targetClass: ' positive ' }, ' so boring ');
    assert.ok('choices' in r);
    assert.equal(r.choices.sentence, 'so boring');
    assert.equal(r.choices.classes, 2);
    assert.equal(r.choices.targetClass, 'positive');
    assert.equal(r.choices.data, '');
    const back = fieldsFromChoices(r.choices);
    assert.equal(back.classes, '2');
    assert.equal(back.targetClass, 'positive');
    const error = (sentence: string, f: Partial<FormFields> = {}) => {
      const e = choicesFromFields({ ...fields, ...f }, sentence);
      return 'error' in e ? e.error : '';
    };
    assert.match(error('   '), /Type a sentence/);
    assert.match(error('x'.repeat(2001)), /2001 characters long; at most 2000/);
    assert.match(error('fine', { classes: '0' }), /Classes must be a whole number of at least 1/);
    const noSentence = choicesFromFields(fields);
    assert.ok('choices' in noSentence && !('sentence' in noSentence.choices) && !('classes' in noSentence.choices));
  });

  it('the Classes and Class fields belong to images, texts and sequences; lines count them by kind', () => {
    assert.deepEqual((['table', 'image', 'text', 'sequence', undefined] as const).map(hasClassFields), [
      false,
      true,
      true,
      true,
      false,
    ]);
    assert.equal(rowNoun('text', 1), '1 text');
    assert.equal(rowNoun('image', 3), '3 images');
    assert.equal(rowNoun('sequence', 2), '2 sequences');
    assert.equal(rowNoun(undefined, 2), '2 rows');
    const texts = { ...attribution(5), kind: 'text' as const };
    assert.equal(outcomeText(texts, 5), "kernel on 'probabilities': 5 texts of 5; 20,740 model rows in 1.25 s.");
    assert.equal(
      outcomeText(texts, 1, 'hidden words become the mask token [MASK]'),
      "kernel on 'probabilities': 5 texts of 1; hidden words become the mask token [MASK]; 20,740 model rows in 1.25 s.",
    );
    assert.equal(partialText({ ...texts, kind: 'image' }), "kernel on 'probabilities': 5 images finished so far...");
  });

  it('progress and plan lines', () => {
    assert.equal(progressText(250, 1000, 3.4), '25% (250 of 1,000 model rows), about 3 s left');
    assert.equal(progressText(1000, 1000, 0), '100% (1,000 of 1,000 model rows)');
    assert.equal(
      planText({
        method: 'kernel',
        reason: '2^13 coalitions exceed the budget of 2074: KernelSHAP samples 2074',
        evaluations: 1037150,
        etaSeconds: 0.2,
        explainedRows: 10,
        featureNames: [],
        outputColumns: [],
        output: 'probabilities',
        notes: [],
      }),
      'kernel: 2^13 coalitions exceed the budget of 2074: KernelSHAP samples 2074. 10 rows, 1,037,150 model rows, about 1 s.',
    );
  });

  it('summary lines for a finished run and for rows finished so far', () => {
    assert.equal(
      outcomeText(attribution(10), 178, '100 rows of wine.csv'),
      "kernel on 'probabilities': 10 rows of 178, background 100 rows of wine.csv; 20,740 model rows in 1.25 s.",
    );
    assert.equal(partialText(attribution(1)), "kernel on 'probabilities': 1 row finished so far...");
  });
});

function attribution(rows: number): Attribution {
  return {
    method: 'kernel',
    output: 'probabilities',
    output_columns: ['a', 'b'],
    feature_names: ['x'],
    rows: Array.from({ length: rows }, (_, i) => i),
    feature_values: Array.from({ length: rows }, () => [1]),
    values: Array.from({ length: rows }, () => [[0.1, -0.1]]),
    base_values: [0.5, 0.5],
    predictions: Array.from({ length: rows }, () => [0.6, 0.4]),
    evaluations: 20740,
    seconds: 1.25,
    link: 'identity',
  };
}

describe('after a run that did not finish', () => {
  const earlier = attribution(10);
  const partial = attribution(3);

  it('a failure keeps the earlier results and says so', () => {
    const r = afterUnfinishedRun(earlier, partial, 'mlp.onnx: the model failed on a block of 64 rows');
    assert.equal(r.attribution, earlier);
    assert.equal(r.partial, false);
    assert.equal(r.message, 'mlp.onnx: the model failed on a block of 64 rows The earlier results are still shown.');
    const first = afterUnfinishedRun(undefined, partial, 'wine_bad.csv: row 3');
    assert.equal(first.attribution, undefined);
    assert.equal(first.message, 'wine_bad.csv: row 3');
  });

  it('a cancel keeps the earlier results; with none, the rows finished before it', () => {
    const kept = afterUnfinishedRun(earlier, partial, 'Cancelled');
    assert.equal(kept.attribution, earlier);
    assert.equal(kept.message, 'The run was cancelled after 3 rows had finished; the earlier results are shown.');
    const rows = afterUnfinishedRun(undefined, partial, 'Cancelled');
    assert.equal(rows.attribution, partial);
    assert.equal(rows.partial, true);
    assert.equal(rows.message, 'The run was cancelled after 3 rows had finished; those rows are shown.');
    const none = afterUnfinishedRun(undefined, undefined, 'Cancelled');
    assert.equal(none.attribution, undefined);
    assert.equal(none.message, 'The run was cancelled before any row finished.');
  });

  it("names the panel's fields, not the CLI's flags", () => {
    assert.equal(
      panelErrorText("--rows: row 200 is past the data's 178 rows (rows count from 0)"),
      "Rows to explain: row 200 is past the data's 178 rows (rows count from 0)",
    );
    assert.equal(panelErrorText('wine.csv: row 3'), 'wine.csv: row 3');
  });

  it("offers the sidecar's label column, else one named like a label, else the first", () => {
    assert.equal(defaultLabelColumn(['id', 'cultivar'], 'id'), 'id');
    assert.equal(defaultLabelColumn(['id', 'cultivar'], 'gone'), 'cultivar');
    assert.equal(defaultLabelColumn(['id', 'Target']), 'Target');
    assert.equal(defaultLabelColumn(['id', 'notes']), 'id');
    assert.equal(defaultLabelColumn([]), undefined);
  });
});
