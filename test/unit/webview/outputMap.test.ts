// The output map's model: a box dragged or a cell clicked on the picture's output becomes the Target the
// engine will explain, summing exactly the values shown; a recording's chunks line up in seconds and clicks
// pick Rows.

import assert from 'node:assert/strict';
import { parseTarget, reduceToTarget, targetIndices } from '../../../src/engine/explain/outputTarget';
import type { OutputMap } from '../../../src/protocol/outputMapTypes';
import {
  cellAt,
  chunkLine,
  dragBox,
  elementChoice,
  mapPlane,
  regionChoice,
  rowsOf,
  toggleRow,
  type ImageOutputMap,
  type SequenceOutputMap,
} from '../../../webview/attributions/outputMap/model';
import { seededRandom } from '../../../src/engine/explain/random';

const C = 3;
const H = 5;
const W = 7;

function imageMap(): ImageOutputMap {
  const random = seededRandom(3);
  return {
    kind: 'image',
    file: 'page.png',
    output: 'maps',
    dims: [C, H, W],
    values: Array.from({ length: C * H * W }, () => random()),
  };
}

describe('output map: picking a target on the output', () => {
  it('a channel is its own slice of the output', () => {
    const map = imageMap();
    for (let c = 0; c < C; c++) {
      const plane = mapPlane(map, c)!;
      assert.equal(plane.channels, C);
      for (let i = 0; i < H * W; i++) assert.equal(plane.values[i], map.values[c * H * W + i]);
    }
    assert.equal(mapPlane({ ...map, dims: [C * H * W] }, 0), undefined);
  });

  it('a drag in any direction covers both corner cells; points off the map are clamped to it', () => {
    const a = { row: 3, column: 1 };
    const b = { row: 1, column: 4 };
    assert.deepEqual(dragBox(a, b), [1, 1, 4, 5]);
    assert.deepEqual(dragBox(b, a), dragBox(a, b));
    const plane = mapPlane(imageMap(), 0)!;
    assert.deepEqual(cellAt(plane, -5, 1000, 4), { row: H - 1, column: 0 });
    assert.deepEqual(cellAt(plane, 4 * 2 + 3.9, 4 * 3, 4), { row: 3, column: 2 });
  });

  it('every box on every channel: the Target text is what the engine sums, and the shown sum is its output', () => {
    const map = imageMap();
    for (let c = 0; c < C; c++) {
      const plane = mapPlane(map, c)!;
      for (let r0 = 0; r0 < H; r0++)
        for (let c0 = 0; c0 < W; c0++) {
          const box = dragBox({ row: r0, column: c0 }, { row: H - 1 - r0, column: (c0 * 3) % W });
          const choice = regionChoice(map, plane, box);
          const target = parseTarget(choice.text);
          const engine = reduceToTarget(map.values, 1, map.values.length, targetIndices(target, map.dims, 'maps'))[0];
          assert.ok(Math.abs(engine - choice.value) < 1e-9, `${choice.text}: ${engine} vs ${choice.value}`);
          assert.match(
            choice.label,
            new RegExp(`rows ${box[0]}-${box[2] - 1}, columns ${box[1]}-${box[3] - 1}, channel ${c}$`),
          );
        }
    }
  });

  it('a click is an element target whose flat index holds the clicked value', () => {
    const map = imageMap();
    const plane = mapPlane(map, 2)!;
    const choice = elementChoice(map, plane, { row: 4, column: 6 });
    const target = parseTarget(choice.text);
    assert.equal(target.kind, 'element');
    const index = (target as { index: number }).index;
    assert.equal(map.values[index], choice.value);
    assert.match(choice.label, /\(channel 2, row 4, column 6\)$/);
  });
});

describe('output map: a recording chunk by chunk', () => {
  const map: SequenceOutputMap = {
    kind: 'sequence',
    output: 'output',
    columns: 2,
    columnNames: ['speech', 'other'],
    chunkLength: 512,
    sampleRate: 16000,
    chunks: ['a.wav[0:512]', 'a.wav[512:1024]', 'a.wav[1024:1536]'],
    values: [0.1, 9, 0.9, 8, 0.2, 7],
    notes: [],
  } satisfies OutputMap;

  it('each chunk at its start in seconds (sample / rate), its value from its own column', () => {
    const l = chunkLine(map, 0);
    assert.deepEqual(
      l.points.map((p) => [p.x, p.value]),
      [0, 1, 2].map((i) => [(i * 512) / 16000, map.values[i * 2]]),
    );
    assert.match(l.points[1].tooltip[0], /row 1: a\.wav\[512:1024\] \(0\.032–0\.064 s\)/);
    assert.equal(l.xLabel, 'time (s, 16000 Hz)');
    const noRate = chunkLine({ ...map, sampleRate: undefined }, 1);
    assert.deepEqual(
      noRate.points.map((p) => [p.x, p.value]),
      [
        [0, 9],
        [1, 8],
        [2, 7],
      ],
    );
  });

  it('clicking a chunk adds it to Rows, clicking it again takes it out', () => {
    assert.equal(toggleRow('0-3, 7', 5), '0, 1, 2, 3, 5, 7');
    assert.equal(toggleRow('0-3, 7', 2), '0, 1, 3, 7');
    assert.equal(toggleRow('', 4), '4');
    assert.deepEqual([...rowsOf('2, x, 4-5')], [2, 4, 5]);
  });
});
