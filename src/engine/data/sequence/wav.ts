/**
 * WAV files for sequence models, decoded by the `wavefile` library (RIFF/RIFX/RF64, PCM 8-32 bit, float,
 * WAVE_FORMAT_EXTENSIBLE) and scaled to [-1, 1) as sox and soundfile scale them: N-bit PCM / 2^(N-1).
 */
import { WaveFile } from 'wavefile';
import { DataError } from '../table';

export interface DecodedWav {
  sampleRate: number;
  /** One array per channel, in [-1, 1). */
  channels: Float32Array[];
}

interface Fmt {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** WAVE_FORMAT_EXTENSIBLE: the sub-format GUID as four uint32, the first the format code. */
  subformat?: number[];
}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

export function decodeWav(bytes: Uint8Array, fileName: string): DecodedWav {
  let wav: WaveFile;
  try {
    wav = new WaveFile(bytes);
  } catch (e) {
    throw new DataError(fileName, `is not a WAV file the decoder can read (${e instanceof Error ? e.message : e})`);
  }
  const fmt = wav.fmt as Fmt;
  const code = fmt.audioFormat === EXTENSIBLE ? (fmt.subformat?.[0] ?? 0) : fmt.audioFormat;
  const bits = fmt.bitsPerSample;
  const isFloat = code === FLOAT && (bits === 32 || bits === 64);
  const isPcm = code === PCM && [8, 16, 24, 32].includes(bits);
  if (!isFloat && !isPcm) {
    const what = code === 6 ? 'A-law' : code === 7 ? 'mu-law' : `format ${code}, ${bits}-bit`;
    throw new DataError(fileName, `holds ${what} audio; PCM (8, 16, 24, 32-bit) or float WAV is needed`);
  }
  if (!(fmt.numChannels >= 1) || !(fmt.sampleRate > 0)) {
    throw new DataError(fileName, `has a broken fmt chunk (${fmt.numChannels} channels at ${fmt.sampleRate} Hz)`);
  }
  let samples: Float64Array[];
  try {
    const s = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
    samples = fmt.numChannels === 1 ? [s as Float64Array] : (s as Float64Array[]);
  } catch (e) {
    throw new DataError(fileName, `cannot be decoded (${e instanceof Error ? e.message : e})`);
  }
  if (samples.length === 0 || samples[0].length === 0) throw new DataError(fileName, 'holds no samples');
  return { sampleRate: fmt.sampleRate, channels: samples.map((ch) => scale(ch, bits, isFloat, fmt.audioFormat)) };
}

function scale(ch: Float64Array, bits: number, isFloat: boolean, audioFormat: number): Float32Array {
  const out = new Float32Array(ch.length);
  if (isFloat && bits === 32 && audioFormat === EXTENSIBLE) {
    // wavefile names the depth from bitsPerSample alone and reads extensible 32-bit float as int32: reinterpret the bits.
    const ints = Int32Array.from(ch);
    out.set(new Float32Array(ints.buffer));
  } else if (isFloat) {
    out.set(ch);
  } else if (bits === 8) {
    for (let i = 0; i < ch.length; i++) out[i] = (ch[i] - 128) / 128; // 8-bit WAV is unsigned
  } else {
    const full = 2 ** (bits - 1);
    for (let i = 0; i < ch.length; i++) out[i] = ch[i] / full;
  }
  return out;
}
