// Sequence data: WAV decoding at every PCM depth and float (through wavefile, scaled as sox scales), the
// extensible-float header, the layouts' axes, CSV and .npy rows, and the sidecar's sequence block.

import assert from 'node:assert/strict';
import { WaveFile } from 'wavefile';
import { elementAt, sequenceShapeOf, toModelLayout } from '../../../../src/engine/data/sequence/layout';
import { loadSequenceFiles } from '../../../../src/engine/data/sequence/load';
import { decodeWav } from '../../../../src/engine/data/sequence/wav';
import { parseSequenceSettings } from '../../../../src/protocol/sequenceSettings';
import { parseSidecar } from '../../../../src/engine/settings/sidecar';
import { npyOf } from '../image/images';

/** A WAV of `channels` written by wavefile from integer or float samples. */
function wavOf(channels: number[][], depth: string, rate = 16000): Uint8Array {
  const w = new WaveFile();
  w.fromScratch(channels.length, rate, depth, channels.length === 1 ? channels[0] : channels);
  return w.toBuffer();
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('sequence data', () => {
  it('decodes PCM 8/16/24/32-bit and float WAV, mono and multi-channel, to [-1, 1) as sox does', () => {
    // Full scale is 2^(bits-1): the most negative code is exactly -1, and 8-bit is unsigned around 128.
    const cases: [string, number[], number[]][] = [
      ['8', [0, 128, 255, 192], [-1, 0, 127 / 128, 0.5]],
      ['16', [-32768, 0, 32767, 16384], [-1, 0, 32767 / 32768, 0.5]],
      ['24', [-8388608, 0, 8388607, -4194304], [-1, 0, 8388607 / 8388608, -0.5]],
      ['32', [-2147483648, 0, 2147483647, 1073741824], [-1, 0, 2147483647 / 2147483648, 0.5]],
      ['32f', [-0.25, 0, 0.75, 1.5], [-0.25, 0, 0.75, 1.5]],
      ['64', [-0.125, 0, 0.5, 0.3], [-0.125, 0, 0.5, 0.3]],
    ];
    for (const [depth, codes, expected] of cases) {
      const mono = decodeWav(wavOf([codes], depth), 'a.wav');
      assert.equal(mono.sampleRate, 16000);
      assert.equal(mono.channels.length, 1);
      mono.channels[0].forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-7, `${depth}-bit sample ${i}: ${v}`));
      const stereo = decodeWav(wavOf([codes, [...codes].reverse()], depth), 'b.wav');
      assert.equal(stereo.channels.length, 2);
      stereo.channels[1].forEach((v, i) => assert.ok(Math.abs(v - expected[3 - i]) < 1e-7, `${depth} right ${i}`));
    }
  });

  it('reads WAVE_FORMAT_EXTENSIBLE float (the sub-format decides, not the bit depth)', () => {
    const bytes = wavOf([[0.5, -0.25, 0.125]], '32f');
    // Rewrite the 16-byte fmt chunk as a 40-byte extensible one whose sub-format GUID starts with 3 (float).
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    assert.equal(view.getUint16(20, true), 3);
    const ext = new Uint8Array(bytes.length + 24);
    ext.set(bytes.subarray(0, 36));
    const v = new DataView(ext.buffer);
    v.setUint32(16, 40, true);
    v.setUint16(20, 0xfffe, true);
    v.setUint16(36, 22, true); // cbSize
    v.setUint16(38, 32, true); // valid bits
    v.setUint32(40, 4, true); // channel mask
    ext.set([3, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 44);
    ext.set(bytes.subarray(36), 60);
    v.setUint32(4, ext.length - 8, true);
    const wav = decodeWav(ext, 'ext.wav');
    assert.deepEqual(Array.from(wav.channels[0]), [0.5, -0.25, 0.125]);
  });

  it('names the file for what it cannot decode', () => {
    assert.throws(() => decodeWav(enc('not a wav at all'), 'x.wav'), /^DataError: x\.wav: is not a WAV file/);
    const alaw = new WaveFile();
    alaw.fromScratch(1, 8000, '16', [0, 1000, -1000]);
    alaw.toALaw();
    assert.throws(() => decodeWav(alaw.toBuffer(), 'law.wav'), /law\.wav: holds A-law audio/);
  });

  it('finds the time axis: declared, free, or the longer one', () => {
    assert.deepEqual(sequenceShapeOf([0, 128]), { layout: 'NT', length: 128, features: 1 });
    assert.deepEqual(sequenceShapeOf(['N', 128, 3]), { layout: 'NTF', length: 128, features: 3 });
    assert.deepEqual(sequenceShapeOf(['N', 1, 16000]), { layout: 'NCT', length: 16000, features: 1 });
    assert.deepEqual(sequenceShapeOf(['N', 6, 'T']), { layout: 'NCT', length: 'T', features: 6 });
    assert.deepEqual(sequenceShapeOf(['N', 'T', 6]), { layout: 'NTF', length: 'T', features: 6 });
    assert.deepEqual(sequenceShapeOf(['N', 8, 100], 'NTF'), { layout: 'NTF', length: 8, features: 100 });
    assert.equal(sequenceShapeOf(['N', 3, 32, 32]), undefined);
    assert.throws(() => sequenceShapeOf(['N', 128], 'NTF'), /rank 2/);
    // NCT rows are channel-major: step t of channel f sits at f*T + t.
    assert.equal(elementAt('NCT', 5, 2, 3, 1), 8);
    assert.deepEqual(Array.from(toModelLayout([1, 2, 3, 4, 5, 6], 'NCT', 3, 2)), [1, 3, 5, 2, 4, 6]);
  });

  it('cuts a WAV into rows of T samples, reads one CSV as one sequence and .npy in the model layout', () => {
    const samples = Array.from({ length: 10 }, (_, i) => i * 1000);
    const wav = loadSequenceFiles([{ path: 'd/a.wav', bytes: wavOf([samples], '16') }], { layout: 'NT', length: 4 });
    assert.equal(wav.rows, 2);
    assert.deepEqual(wav.labels, ['a.wav[0:4]', 'a.wav[4:8]']);
    assert.equal(wav.values[5], 5000 / 32768);
    assert.match(wav.notes[0], /last 2 samples/);
    const whole = loadSequenceFiles([{ path: 'a.wav', bytes: wavOf([samples, samples], '16') }], { layout: 'NCT' });
    assert.deepEqual([whole.rows, whole.length, whole.features], [1, 10, 2]);
    const csv = loadSequenceFiles([{ path: 's.csv', bytes: enc('x,y\n1,2\n3,4\n5,6\n') }], {
      layout: 'NCT',
      features: 2,
    });
    assert.deepEqual([csv.rows, csv.length, csv.features], [1, 3, 2]);
    assert.deepEqual(Array.from(csv.values), [1, 3, 5, 2, 4, 6]);
    const npy = loadSequenceFiles([{ path: 'b.npy', bytes: npyOf([1, 2, 3, 4, 5, 6], [2, 3]) }], {
      layout: 'NT',
      length: 3,
    });
    assert.deepEqual([npy.rows, npy.labels[1]], [2, 'b.npy[1]']);
    assert.throws(
      () => loadSequenceFiles([{ path: 's.csv', bytes: enc('x,y\n1,2\n3,oops\n') }], { layout: 'NTF' }),
      /s\.csv: row 3, column "y" \(2\): "oops" is not a number/,
    );
    assert.throws(
      () => loadSequenceFiles([{ path: 'a.wav', bytes: wavOf([samples, samples], '16') }], { layout: 'NT', length: 4 }),
      /a\.wav: has 2 channels; the model's input takes 1/,
    );
    assert.throws(
      () =>
        loadSequenceFiles([{ path: 'b.npy', bytes: npyOf([1, 2, 3, 4, 5, 6], [2, 3]) }], { layout: 'NT', length: 4 }),
      /b\.npy: has shape \(2, 3\) but the model's input takes \(N, 4\)/,
    );
  });

  it('checks the sidecar sequence block field by field', () => {
    const ok = parseSequenceSettings({ layout: 'NCT', window: 16, masker: 'zero', length: 512, hold: { sr: 16000 } });
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.sequence.window, 16);
    const bad = parseSidecar(
      JSON.stringify({ sequence: { window: 0, masker: 'blur', hold: { sr: 'x' }, speed: 2 } }),
      'm.lens.json',
    );
    assert.deepEqual(bad.sequence, {});
    assert.equal(bad.problems.length, 4);
    assert.match(bad.problems.join('\n'), /m\.lens\.json: field "sequence\.window" must be a whole number/);
    assert.match(bad.problems.join('\n'), /field "sequence\.speed" is not a sequence setting/);
  });
});
