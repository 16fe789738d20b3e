// The sequence view's models: the signal's points at their steps (decimated past SIGNAL_POINTS), and the
// windows as bands coloured by value on a symmetric scale, whose values sum to the output's change.

import assert from 'node:assert/strict';
import { SIGNAL_POINTS, type Attribution } from '../../../src/protocol/attributionTypes';
import {
  bandsView,
  sequenceRowName,
  signalView,
  strongestWindowsText,
} from '../../../webview/attributions/sequence/models/sequenceView';

function sequenceAttribution(length: number, signal: number[][][]): Attribution {
  const windows: [number, number][] = [
    [0, 4],
    [4, 8],
    [8, 10],
  ];
  return {
    kind: 'sequence',
    method: 'partition',
    output: 'score',
    output_columns: ['speech'],
    feature_names: [],
    rows: [0],
    feature_values: [[]],
    values: [[[0.2], [-0.8], [0.4]]],
    base_values: [0.1],
    row_base_values: [[0.1]],
    predictions: [[0.1 + 0.2 - 0.8 + 0.4]],
    evaluations: 10,
    seconds: 0.1,
    link: 'identity',
    sequence: { length, features: signal[0].length, layout: 'NCT' },
    windows: [windows],
    targets: [[0]],
    files: ['speech.wav[0:10]'],
    signal,
  };
}

describe('sequence view', () => {
  it('draws each feature at its steps; a decimated signal keeps step i * ceil(T / SIGNAL_POINTS)', () => {
    // [row][feature][point]: one row, two channels.
    const a = sequenceAttribution(10, [
      [Array.from({ length: 10 }, (_, t) => t * t), Array.from({ length: 10 }, () => 1)],
    ]);
    const s = signalView(a, 0)!;
    assert.equal(s.stride, 1);
    assert.deepEqual(
      s.series.map((x) => x.label),
      ['channel 0', 'channel 1'],
    );
    assert.deepEqual(s.series[0].points[3], { step: 3, value: 9 });
    assert.ok(s.yDomain[0] < 0 && s.yDomain[1] > 81);
    const T = SIGNAL_POINTS * 3 + 5;
    const points = Math.ceil(T / 4);
    const long = sequenceAttribution(T, [[Array.from({ length: points }, (_, i) => i)]]);
    long.sequence = { length: T, features: 20, layout: 'NTF' };
    const d = signalView(long, 0)!;
    assert.equal(d.stride, 4);
    assert.equal(d.series[0].points[points - 1].step, (points - 1) * 4);
    assert.ok(d.series[0].points[points - 1].step < T);
    assert.equal(d.hiddenFeatures, 19);
    assert.equal(d.series[0].label, 'feature 0');
    assert.equal(signalView({ ...long, signal: undefined }, 0), undefined);
  });

  it('bands: one per window at its steps, coloured by value on a symmetric scale; they sum to f(x) - f(masked)', () => {
    const a = sequenceAttribution(10, [[Array(10).fill(0)]]);
    const b = bandsView(a, 0, 0)!;
    assert.deepEqual(
      b.bands.map((x) => [x.start, x.end, x.value]),
      [
        [0, 4, 0.2],
        [4, 8, -0.8],
        [8, 10, 0.4],
      ],
    );
    assert.equal(b.scale, 0.8);
    assert.deepEqual(
      b.bands.map((x) => [x.shade.sign, x.shade.strength]),
      [
        ['positive', 0.25],
        ['negative', 1],
        ['positive', 0.5],
      ],
    );
    assert.ok(Math.abs(b.total - (b.prediction - b.base)) < 1e-12);
    assert.deepEqual(b.bands[1].tooltip, ['window 2 of 3: steps 4–7', '-0.8 toward speech']);
    assert.equal(strongestWindowsText(b, 2), 'Strongest windows: steps 4–7 (-0.8), steps 8–9 (+0.4).');
    assert.equal(sequenceRowName(a, 0), 'speech.wav[0:10]');
    assert.equal(bandsView(a, 0, 1), undefined);
  });
});
