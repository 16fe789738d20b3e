/** A deterministic fake image attribution: 28x28 procedurally drawn digits, 49 wavy segments, 2 targets, curves. */
import type { Attribution, FaithfulnessCurves } from '../../../src/protocol/attributionTypes';
import { trapezoidArea } from '../../../webview/attributions/image/models/curves';
import { gaussian, seededRandom } from './fakeAttribution';

export const SIDE = 28;
const GRID = 7;

type Stroke = (x: number, y: number) => number;

/** Distance from a point to the segment a-b. */
function toSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

const DIGITS: Record<string, Stroke> = {
  '7': (x, y) => Math.min(toSegment(x, y, 7, 6.5, 21, 6.5), toSegment(x, y, 21, 6.5, 12, 23)),
  '1': (x, y) => Math.min(toSegment(x, y, 14.5, 5, 14.5, 23), toSegment(x, y, 14.5, 5, 11, 9)),
  '0': (x, y) => Math.abs(Math.hypot((x - 14) / 6, (y - 14) / 9) - 1) * 7,
};

/** Ink 0..1 of a digit at each pixel centre: a stroke about 3 pixels wide with a soft edge. */
export function digitInk(digit: string): Float64Array {
  const stroke = DIGITS[digit] ?? (() => Infinity);
  const ink = new Float64Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) ink[y * SIDE + x] = Math.max(0, Math.min(1, 2.4 - stroke(x + 0.5, y + 0.5)));
  return ink;
}

/** A 7x7 grid of 4x4 cells with wavy borders, so the outlines are not all squares. */
export function wavySegments(): number[] {
  const clamp = (v: number) => Math.max(0, Math.min(GRID - 1, v));
  const map: number[] = [];
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const sx = clamp(Math.floor((x + Math.round(1.2 * Math.sin(y * 0.7))) / 4));
      const sy = clamp(Math.floor((y + Math.round(1.2 * Math.cos(x * 0.6))) / 4));
      map.push(sy * GRID + sx);
    }
  return map;
}

export function fakeCurves(p: number, strength: number, random: () => number): FaithfulnessCurves {
  const fractions = Array.from({ length: 21 }, (_, i) => i / 20);
  const noise = () => 0.01 * (random() - 0.5);
  const deletion = fractions.map((f) => Math.max(0, p * Math.exp(-strength * f) + noise()));
  const insertion = fractions.map((f) => Math.max(0, p * (1 - Math.exp(-strength * 0.8 * f)) + noise()));
  const randomDeletion = fractions.map((f) => p * (1 - f) ** 0.8);
  const randomInsertion = fractions.map((f) => p * f ** 1.2);
  return {
    fractions,
    deletion,
    insertion,
    deletion_area: trapezoidArea(fractions, deletion),
    insertion_area: trapezoidArea(fractions, insertion),
    random_deletion_area: trapezoidArea(fractions, randomDeletion),
    random_insertion_area: trapezoidArea(fractions, randomInsertion),
  };
}

export interface FakeImageResult {
  attribution: Attribution;
  /** Grey 0..1 pictures, [row][pixel], from which the preview draws its PNG previews. */
  pictures: Float64Array[];
  files: string[];
}

/** Three digits (7, 1, 0) explained for their top two classes; segment values = ink on the class's strokes minus ink off them. */
export function fakeImageAttribution(seed = 5): FakeImageResult {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const digits = ['7', '1', '0'];
  const runnersUp: Record<string, string> = { '7': '1', '1': '7', '0': '6' };
  const segmentMap = wavySegments();
  const segments = GRID * GRID;
  const sizes = new Array<number>(segments).fill(0);
  for (const s of segmentMap) sizes[s]++;
  const pictures = digits.map(digitInk);
  // A stray smudge left of the 7's stem: ink off every template, so its map has some blue too.
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const d = Math.hypot(x + 0.5 - 6, y + 0.5 - 20);
      pictures[0][y * SIDE + x] = Math.max(pictures[0][y * SIDE + x], Math.min(1, 2.2 - d));
    }
  const predictions = digits.map((d) =>
    Array.from({ length: 10 }, (_, c) => (String(c) === d ? 6 : String(c) === runnersUp[d] ? 3.1 : 0.4 * normal())),
  );
  const targets = digits.map((d) => [Number(d), Number(runnersUp[d])]);
  const values = digits.map((_, r) => {
    const ink = pictures[r];
    return Array.from({ length: segments }, (_, s) =>
      targets[r].map((c) => {
        const template = digitInk(String(c));
        let v = 0;
        for (let i = 0; i < ink.length; i++) if (segmentMap[i] === s) v += ink[i] * (template[i] > 0.3 ? 0.1 : -0.06);
        return v + 0.01 * normal();
      }),
    );
  });
  const pixelValues = values.map((row) => [0, 1].map((k) => segmentMap.map((s) => row[s][k] / sizes[s])));
  const files = digits.map((d, r) => `digits/sample_${r}_${d}.png`);
  const probability = (r: number, c: number) => {
    const e = predictions[r].map((v) => Math.exp(v));
    return e[c] / e.reduce((a, b) => a + b, 0);
  };
  const attribution: Attribution = {
    method: 'partition',
    output: 'logits',
    output_columns: Array.from({ length: 10 }, (_, c) => String(c)),
    feature_names: Array.from({ length: segments }, (_, s) => `segment ${s}`),
    rows: [0, 1, 2],
    feature_values: digits.map(() => Array.from({ length: segments }, () => 1)),
    values,
    base_values: new Array(10).fill(0),
    predictions,
    evaluations: 1500,
    seconds: 2.4,
    link: 'identity',
    kind: 'image',
    image: { height: SIDE, width: SIDE },
    files,
    segments: digits.map(() => segments),
    targets,
    pixel_values: pixelValues,
    segment_map: digits.map(() => [...segmentMap]),
    faithfulness: targets.map((ts, r) => ts.map((c, k) => fakeCurves(probability(r, c), k === 0 ? 7 : 3, random))),
  };
  return { attribution, pictures, files };
}
