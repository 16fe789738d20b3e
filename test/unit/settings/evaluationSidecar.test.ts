// The Evaluation tab's sidecar fields (label column, threshold) and its requests' validation.
import assert from 'node:assert/strict';
import { parseSidecar, updateSidecarEvaluation, updateSidecarText } from '../../../src/engine/settings/sidecar';
import { validatePanelMessage } from '../../../src/protocol/validate';

describe('the sidecar remembers the Evaluation tab', () => {
  it('reads a threshold from 0 to 1 and names one outside', () => {
    assert.equal(parseSidecar('{"threshold": 0.35}', 'm.lens.json').threshold, 0.35);
    const bad = parseSidecar('{"threshold": 1.5, "labelColumn": "y"}', 'm.lens.json');
    assert.equal(bad.threshold, undefined);
    assert.equal(bad.labelColumn, 'y');
    assert.deepEqual(bad.problems, ['m.lens.json: field "threshold" must be a probability from 0 to 1']);
  });

  it('writes label and threshold, keeping what the user wrote; null forgets the threshold', () => {
    const user = '{\n  "version": 1,\n  "featureNames": ["a"],\n  "method": "kernel"\n}\n';
    const written = updateSidecarEvaluation(user, { labelColumn: 'target', threshold: 0.3 })!;
    assert.deepEqual(JSON.parse(written), {
      version: 1,
      featureNames: ['a'],
      method: 'kernel',
      labelColumn: 'target',
      threshold: 0.3,
    });
    const forgotten = JSON.parse(updateSidecarEvaluation(written, { threshold: null })!);
    assert.equal(forgotten.threshold, undefined);
    assert.equal(forgotten.labelColumn, 'target');
    // The Attributions tab's writes leave them alone.
    const again = JSON.parse(updateSidecarText(written, { method: 'exact' })!);
    assert.equal(again.threshold, 0.3);
    assert.equal(again.method, 'exact');
    assert.equal(parseSidecar(written, 'm').problems.length, 0);
  });

  it('never overwrites a sidecar that is not a JSON object', () => {
    assert.equal(updateSidecarEvaluation('{ "method": ', { threshold: 0.5 }), undefined);
    assert.equal(updateSidecarEvaluation('[1]', { labelColumn: 'y' }), undefined);
  });
});

describe("the Evaluation tab's requests are validated", () => {
  const ok = (method: string, params: unknown) => assert.equal(validatePanelMessage(method, params), undefined);
  const bad = (method: string, params: unknown, pattern: RegExp) =>
    assert.match(validatePanelMessage(method, params) ?? '', pattern);

  it('evaluate and rules: data and label, an optional output, threshold in [0, 1], depth 1 to 12', () => {
    ok('explain/evaluate', { data: '../data/wine.csv', label: 'cultivar' });
    ok('explain/evaluate', { data: 'd.csv', label: 'y', threshold: 0, output: 'p' });
    ok('explain/rules', { data: 'd.csv', label: 'y', depth: 4 });
    ok('explain/evaluate', { data: 'pictures', label: '' }); // a folder per class: no label column
    bad('explain/evaluate', { data: 'd.csv' }, /label must be a column name/);
    bad('explain/evaluate', { data: '', label: 'y' }, /data must be a file path/);
    bad('explain/evaluate', { data: 'd.csv', label: 'y', threshold: 1.01 }, /threshold must be a number from 0 to 1/);
    bad('explain/evaluate', { data: 'd.csv', label: 'y', threshold: '0.5' }, /threshold/);
    bad('explain/rules', { data: 'd.csv', label: 'y', depth: 40 }, /depth/);
    bad('explain/rules', { data: 'd.csv', label: 'y', modelPath: '/etc/passwd' }, /unknown parameter 'modelPath'/);
  });

  it('columns and threshold', () => {
    ok('explain/columns', { data: 'd.csv' });
    bad('explain/columns', { data: 'd.csv', extra: 1 }, /expected \{ data \}/);
    ok('explain/threshold', { threshold: 0.25 });
    ok('explain/threshold', { threshold: null });
    bad('explain/threshold', { threshold: -0.1 }, /threshold/);
  });

  it("a cohort's long row list passes as Attributions rows", () => {
    const rows = Array.from({ length: 2000 }, (_, i) => String(2 * i)).join(', ');
    ok('explain/run', { choices: { method: 'auto', data: 'd.csv', rows } });
    bad('explain/run', { choices: { method: 'auto', data: 'd.csv', rows: '1; 2' } }, /rows must be/);
  });
});
