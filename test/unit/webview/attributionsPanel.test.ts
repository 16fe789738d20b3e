// The Attributions tab's pure state: form text to choices (and back), and the progress and plan lines.

import assert from 'node:assert/strict';
import {
  choicesFromFields,
  fieldsFromChoices,
  planText,
  progressText,
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
};

describe('Attributions tab state', () => {
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
});
