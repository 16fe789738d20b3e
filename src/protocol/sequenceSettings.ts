/** The sidecar's `sequence` block (audio, sensors, time series), checked field by field like `image`. */
import { isObject, parseBlock, type FieldChecks } from './settingsBlock';

/** How a float input [N,T], [N,T,F] or [N,C,T] is read and explained by windows along its time axis. */
export interface SequenceSettings {
  /** Declares the input a sequence and where its time axis is, when its shape does not say so. */
  layout?: 'NT' | 'NTF' | 'NCT';
  /** Time steps per explained window (default T/32, at least 1). */
  window?: number;
  /** What a hidden window becomes: the data's mean at each step and feature (default), or zeros. */
  masker?: 'mean' | 'zero';
  /** Fixes a free time axis: a WAV or a long series is cut into consecutive rows of this many steps. */
  length?: number;
  /** Values for the model's other inputs (a sample rate such as `{ "sr": 16000 }`); state tensors default to zeros. */
  hold?: Record<string, number>;
}

const wholeNumber = (v: unknown, lo: number, hi: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

const FIELDS: FieldChecks<SequenceSettings> = {
  layout: (v) => (v === 'NT' || v === 'NTF' || v === 'NCT' ? undefined : 'must be NT, NTF or NCT'),
  window: (v) => (wholeNumber(v, 1, 1e9) ? undefined : 'must be a whole number of time steps from 1'),
  masker: (v) => (v === 'mean' || v === 'zero' ? undefined : 'must be mean or zero'),
  length: (v) => (wholeNumber(v, 1, 1e9) ? undefined : 'must be a whole number of time steps from 1'),
  hold: (v) =>
    isObject(v) && Object.values(v).every((n) => typeof n === 'number' && Number.isFinite(n))
      ? undefined
      : 'must map input names to numbers, such as { "sr": 16000 }',
};

/** The valid fields of a `sequence` block, and one line per invalid or unknown field. */
export function parseSequenceSettings(v: unknown): { sequence: SequenceSettings; problems: string[] } {
  const { block, problems } = parseBlock<SequenceSettings>('sequence', v, FIELDS);
  return { sequence: block, problems };
}
