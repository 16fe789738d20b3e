// A WAV's windows read in seconds: sample index / sample rate from the recording's start (a WAV cut into rows
// names each row's first sample), in the band tooltips and the strongest-windows line.

import assert from 'node:assert/strict';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import {
  bandsView,
  secondsText,
  sequenceTime,
  strongestWindowsText,
} from '../../../webview/attributions/sequence/models/sequenceView';

const RATE = 16000;
const OFFSET = 5632;
const WINDOWS: [number, number][] = [
  [0, 128],
  [128, 256],
  [256, 512],
];

function wavAttribution(sampleRate?: number): Attribution {
  return {
    kind: 'sequence',
    method: 'partition',
    output: 'output',
    output_columns: ['0'],
    feature_names: [],
    rows: [11],
    feature_values: [[]],
    values: [[[0.05], [0.6], [-0.1]]],
    base_values: [0.1],
    row_base_values: [[0.1]],
    predictions: [[0.65]],
    evaluations: 10,
    seconds: 0.1,
    link: 'identity',
    sequence: { length: 512, features: 1, layout: 'NT', ...(sampleRate ? { sample_rate: sampleRate } : {}) },
    windows: [WINDOWS],
    targets: [[0]],
    files: [`hello_16k.wav[${OFFSET}:${OFFSET + 512}]`],
  };
}

/** The seconds a text such as "0.3520–0.3600 s" names, as numbers. */
const secondsIn = (text: string) => [...text.matchAll(/(\d+\.\d+)/g)].map((m) => Number(m[1]));

describe('Sequence view: time in seconds for WAV data', () => {
  it('band tooltips give each window in seconds from the recording start, within a sample', () => {
    const b = bandsView(wavAttribution(RATE), 0, 0)!;
    assert.deepEqual(b.time, { rate: RATE, offset: OFFSET });
    b.bands.forEach((band, w) => {
      const [start, end] = WINDOWS[w];
      const [from, to] = secondsIn(band.tooltip[0]);
      assert.ok(Math.abs(from - (OFFSET + start) / RATE) <= 1e-4, `${band.tooltip[0]}`);
      assert.ok(Math.abs(to - (OFFSET + end) / RATE) <= 1e-4, `${band.tooltip[0]}`);
      // The samples themselves stay readable beside the seconds.
      assert.ok(band.tooltip[0].includes(`samples ${OFFSET + start}–${OFFSET + end - 1}`), band.tooltip[0]);
    });
    const strongest = strongestWindowsText(b, 1);
    assert.deepEqual(secondsIn(strongest).slice(0, 2), [(OFFSET + 128) / RATE, (OFFSET + 256) / RATE]);
  });

  it('seconds are sample / rate with enough digits to tell samples 10 apart at any rate', () => {
    for (const rate of [8000, 16000, 44100, 48000]) {
      const time = { rate, offset: 0 };
      for (const step of [0, 1, 10, 12345]) {
        const shown = Number(secondsText(time, step).replace(/ s$/, ''));
        assert.ok(Math.abs(shown - step / rate) <= 5 / rate, `${rate} Hz step ${step}: ${shown}`);
      }
    }
  });

  it('data without a sample rate (.npy, CSV) keeps time steps', () => {
    const a = wavAttribution();
    assert.equal(sequenceTime(a, 0), undefined);
    const b = bandsView(a, 0, 0)!;
    assert.equal(b.time, undefined);
    assert.equal(b.bands[1].tooltip[0], 'window 2 of 3: steps 128–255');
  });
});
