// A detector's or segmenter's output explained through a target (a region's sum, an element) is shown as
// that target, in the output's units: never as class "0" with a softmaxed "percentage".
import assert from 'node:assert/strict';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { targetIndices, targetLabel } from '../../../src/engine/explain/outputTarget';
import {
  imageTargetPicker,
  mapReading,
  mapTitle,
  mapView,
  segmentTooltip,
  thumbnails,
} from '../../../webview/attributions/image/models/imageView';
import { formatNumber } from '../../../webview/attributions/models/common';

const H = 4;
const W = 6;

/** What the engine returns for `--target region:1,2,3,5@1` on a [2, 4, 6] map: one column, its sum as prediction. */
function regionAttribution(sum: number): Attribution {
  const label = targetLabel({ kind: 'region', box: [1, 2, 3, 5], channel: 1 }, 'maps', [2, H, W]);
  const map = Array.from({ length: H * W }, (_, i) => (i % 2 ? 1 : -0.5));
  return {
    method: 'partition',
    kind: 'image',
    output: 'maps',
    output_columns: [label],
    output_target: { kind: 'region', label },
    feature_names: [],
    rows: [0],
    feature_values: [[]],
    values: [[[sum]]],
    base_values: [0],
    row_base_values: [[0]],
    predictions: [[sum]],
    evaluations: 1,
    seconds: 0,
    link: 'identity',
    image: { height: H, width: W },
    files: ['page.png'],
    segments: [1],
    targets: [[0]],
    pixel_values: [[map]],
    segment_map: [new Array(H * W).fill(0)],
  };
}

describe('Image view: output targets (detectors, segmentation)', () => {
  it('labels a region as the rows, columns and channel it sums, matching the indices the engine sums', () => {
    const box: [number, number, number, number] = [1, 2, 3, 5];
    const label = targetLabel({ kind: 'region', box, channel: 1 }, 'maps', [2, H, W]);
    assert.equal(label, "sum of output 'maps' over rows 1-2, columns 2-4, channel 1");
    // Every index the label names (inclusive ranges) is summed, and nothing else.
    const named: number[] = [];
    for (let y = 1; y <= 2; y++) for (let x = 2; x <= 4; x++) named.push(1 * H * W + y * W + x);
    assert.deepEqual(Array.from(targetIndices({ kind: 'region', box, channel: 1 }, [2, H, W], 'maps')!), named);
    // One plane: no channel to name.
    assert.equal(
      targetLabel({ kind: 'region', box: [0, 0, 2, 2] }, 'p', [1, H, W]),
      "sum of output 'p' over rows 0-1, columns 0-1",
    );
  });

  it('labels an element by its place in the map: index = channel*H*W + row*W + column', () => {
    for (const index of [0, 7, W * H + 2 * W + 5]) {
      const channel = Math.floor(index / (H * W));
      const row = Math.floor((index - channel * H * W) / W);
      const column = index - channel * H * W - row * W;
      assert.equal(
        targetLabel({ kind: 'element', index }, 'maps', [2, H, W]),
        `element ${index} of output 'maps' (channel ${channel}, row ${row}, column ${column})`,
      );
    }
    assert.equal(targetLabel({ kind: 'element', index: 3 }, 'scores', [10]), "element 3 of output 'scores'");
  });

  it("titles the map with the region and its sum in the output's units, never a percentage", () => {
    const sum = 1298.57;
    const attr = regionAttribution(sum);
    const m = mapView(attr, 0, 0)!;
    const label = attr.output_target!.label;
    assert.equal(m.className, label);
    assert.equal(mapTitle(m), `${label} · ${formatNumber(sum)}`);
    assert.ok(!mapTitle(m).includes('%'), mapTitle(m));
    assert.match(mapReading(m), new RegExp(`raises the .*${formatNumber(sum)}`));
    assert.ok(!segmentTooltip(m, 0).join(' ').includes('toward'));
    const [thumb] = thumbnails(attr);
    assert.equal(thumb.top.length, 1);
    assert.equal(thumb.top[0].valueText, formatNumber(sum));
    assert.ok(!thumb.description.includes('%'), thumb.description);
    const picker = imageTargetPicker(attr, 0);
    assert.ok(!picker.options[0].label.includes('%'), picker.options[0].label);
  });

  it('keeps class maps as they were: a class with its probability', () => {
    const attr = { ...regionAttribution(0.9), output_target: undefined, output_columns: ['cat'] };
    attr.predictions = [[0.9]];
    const m = mapView(attr, 0, 0)!;
    assert.equal(mapTitle(m), 'cat · 90%');
    assert.match(mapReading(m), /toward cat/);
  });
});
