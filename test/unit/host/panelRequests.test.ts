// The Attributions tab's requests from the (untrusted) webview: what the host accepts and what it refuses, and why.

import assert from 'node:assert/strict';
import { validatePanelMessage } from '../../../src/protocol/validate';

const choices = { method: 'kernel', data: '../data/wine.csv', rows: '0-9, 12', seed: 0, backgroundSize: 50 };

describe('Attributions requests from the webview', () => {
  it('accepts the form as it sends it (blank fields as undefined)', () => {
    for (const [method, params] of [
      ['explain/options', {}],
      ['explain/cancel', {}],
      ['explain/report', {}],
      ['explain/pickFile', { purpose: 'background' }],
      ['explain/plan', { choices: { ...choices, background: undefined, output: undefined } }],
      ['explain/run', { choices }],
      // A text model's typed-in sentence, with the classes to explain.
      ['explain/run', { choices: { method: 'auto', sentence: 'The acting was brilliant!', classes: 2 } }],
      ['explain/run', { choices: { method: 'auto', sentence: 'so boring', targetClass: 'negative' } }],
      ['explain/importance', { choices, label: 'cultivar' }],
      ['explain/pdp', { choices, feature: 'alcohol' }],
      ['panel/command', { command: 'revealModel' }],
      ['panel/command', { command: 'openSidecar', choices }],
    ] as const) {
      assert.equal(validatePanelMessage(method, params), undefined, method);
    }
  });

  it('refuses wrong choices, naming the field', () => {
    const problem = (c: Record<string, unknown>) =>
      validatePanelMessage('explain/run', { choices: { ...choices, ...c } }) ?? '';
    assert.match(problem({ method: 'shap' }), /method must be one of auto, exact, kernel, permutation, tree, lime/);
    assert.match(problem({ rows: 'all' }), /rows must be rows and ranges such as 0-19/);
    assert.match(problem({ rows: '5-' }), /rows must be/);
    assert.match(problem({ seed: -1 }), /seed must be a whole number from 0/);
    assert.match(problem({ samples: 2.5 }), /samples must be a whole number/);
    assert.match(problem({ backgroundSize: 0 }), /backgroundSize/);
    assert.match(problem({ link: 'probit' }), /link must be identity or logit/);
    assert.match(problem({ data: 'x'.repeat(2000) }), /short strings/);
    assert.match(problem({ script: 'x' }), /unknown choice 'script'/);
    assert.match(problem({ sentence: 'x'.repeat(2001) }), /sentence must be a text of at most 2000 characters/);
    assert.match(problem({ sentence: 42 }), /sentence must be a text/);
    assert.match(problem({ classes: 0 }), /classes must be a whole number from 1/);
    assert.match(validatePanelMessage('explain/run', {}) ?? '', /choices must be an object/);
  });

  it('refuses other shapes', () => {
    assert.match(validatePanelMessage('explain/pickFile', { purpose: '/etc' }) ?? '', /Invalid/);
    assert.match(
      validatePanelMessage('explain/importance', { choices, label: 3 }) ?? '',
      /label must be a column name/,
    );
    assert.match(validatePanelMessage('explain/pdp', { choices }) ?? '', /feature must be a feature name/);
    // The report is built from the host's own results: the webview sends none.
    assert.match(validatePanelMessage('explain/report', { importance: {} }) ?? '', /expected no parameters/);
    assert.match(validatePanelMessage('panel/command', { command: 'rm' }) ?? '', /unknown command/);
    assert.match(
      validatePanelMessage('panel/command', { command: 'openSidecar', path: '/x' }) ?? '',
      /unknown parameter 'path'/,
    );
    assert.match(
      validatePanelMessage('panel/command', { command: 'openSidecar', choices: { method: 'x' } }) ?? '',
      /method must be/,
    );
  });
});
