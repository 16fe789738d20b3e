import assert from 'node:assert/strict';
import { parseNpyHeader } from '../../../src/engine/data/npy';
import {
  CURVES_MEANING,
  curvesVerdict,
  curvesView,
  trapezoidArea,
} from '../../../webview/attributions/image/models/curves';
import {
  displayScale,
  imageTargetPicker,
  mapView,
  previewFor,
  rangeText,
  segmentTooltip,
  targetMaps,
  thumbnails,
} from '../../../webview/attributions/image/models/imageView';
import { bytesToBase64, npyFloat32 } from '../../../webview/attributions/image/models/npy';
import { segmentOutline, segmentSizes } from '../../../webview/attributions/image/models/segments';
import { fakeImageAttribution, wavySegments } from '../../harness/attributions-preview/fakeImage';

/** Unit edges on the boundary of `segment`, counted pixel by pixel (4-neighbours outside it or the picture). */
function bruteForcePerimeter(map: number[], w: number, h: number, segment: number): number {
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? -1 : map[y * w + x]);
  let n = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (at(x, y) === segment)
        for (const [dx, dy] of [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
        ])
          if (at(x + dx, y + dy) !== segment) n++;
  return n;
}

describe('Image view: segments', () => {
  it('outlines a 2x2 square segment with its four sides', () => {
    // 4x4 picture, segment 1 at columns 1-2, rows 1-2.
    const map = [0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0];
    const o = segmentOutline(map, 4, 4, 1);
    assert.equal(o.path, 'M1 1H3M1 3H3M1 1V3M3 1V3');
    assert.equal(o.length, 8);
  });

  it('outlines an L shape and a segment touching the picture border', () => {
    // 3x3: segment 2 is the L of (0,0),(0,1),(0,2),(1,2),(2,2).
    const map = [2, 0, 0, 2, 0, 0, 2, 2, 2];
    const o = segmentOutline(map, 3, 3, 2);
    assert.equal(o.path, 'M0 0H1M1 2H3M0 3H3M0 0V3M1 0V2M3 2V3');
    assert.equal(o.length, 12);
  });

  it('has the brute-force perimeter for every wavy segment of the fake digits', () => {
    const map = wavySegments();
    const sizes = segmentSizes(map, 49);
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      28 * 28,
    );
    for (let s = 0; s < 49; s++) {
      assert.ok(sizes[s] > 0, `segment ${s} is empty`);
      assert.equal(segmentOutline(map, 28, 28, s).length, bruteForcePerimeter(map, 28, 28, s), `segment ${s}`);
    }
  });
});

describe('Image view: maps and thumbnails', () => {
  const { attribution: attr } = fakeImageAttribution();

  it('gives each row a thumbnail with its file, top 3 and the preview matched by file', () => {
    const images = attr.files!.map((file) => ({
      file,
      original: `data:image/png;base64,${file}`,
      asModelSees: '',
      range: [],
    }));
    const thumbs = thumbnails(attr, [...images].reverse());
    assert.equal(thumbs.length, 3);
    thumbs.forEach((t, r) => {
      assert.equal(t.src, images[r].original);
      assert.equal(t.top.length, 3);
      assert.equal(t.name, attr.files![r].split('/').pop());
    });
    assert.equal(previewFor(attr, [], 0), undefined);
  });

  it('reads a row and target map whose pixels sum to its segment values', () => {
    const m = mapView(attr, 0, 1)!;
    assert.equal(m.classIndex, 1);
    assert.equal(m.className, '1');
    const segmentSum = m.segmentValues.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(m.total - segmentSum) < 1e-9, `${m.total} vs ${segmentSum}`);
    let max = 0;
    for (const v of m.values) max = Math.max(max, Math.abs(v));
    assert.equal(m.scale, max);
    assert.equal(mapView({ ...attr, pixel_values: undefined }, 0, 0), undefined);
    assert.deepEqual(segmentTooltip(m, 3)[0], `segment 3 (${m.segmentSizes[3]} pixels)`);
  });

  it('puts the top-k maps of a row on one shared scale', () => {
    const maps = targetMaps(attr, 0);
    assert.equal(maps.length, 2);
    const own = [mapView(attr, 0, 0)!.scale, mapView(attr, 0, 1)!.scale];
    for (const m of maps) assert.equal(m.scale, Math.max(...own));
  });

  it('offers the row targets in the class picker, the top class first', () => {
    const p = imageTargetPicker(attr, 2);
    assert.deepEqual(
      p.options.map((o) => o.label.split(' ')[0]),
      ['0', '6'],
    );
    assert.equal(p.selected, 0);
    assert.equal(imageTargetPicker(attr, 2, 5).selected, 0);
    assert.equal(imageTargetPicker(attr, 2, 1).selected, 1);
  });

  it('prints each channel range of the input as the model sees it', () => {
    assert.equal(
      rangeText([
        { min: -2.1179, max: 2.2489, mean: 0.1 },
        { min: -2.0357, max: 2.4286, mean: -0.2 },
        { min: -1.8044, max: 2.64, mean: 0.31 },
      ]),
      'input values: R -2.12..2.25 (mean 0.10) · G -2.04..2.43 (mean -0.20) · B -1.80..2.64 (mean 0.31)',
    );
    assert.equal(rangeText([{ min: -0.42, max: 2.82, mean: 0 }]), 'input values: L -0.42..2.82 (mean 0.00)');
  });

  it('enlarges small pictures by whole pixels and shrinks big ones to fit', () => {
    assert.equal(displayScale(28, 28, 300), 10);
    assert.equal(displayScale(224, 224, 300), 1);
    assert.equal(displayScale(600, 300, 300), 0.5);
  });
});

describe('Image view: deletion and insertion curves', () => {
  const { attribution: attr } = fakeImageAttribution();
  const c = attr.faithfulness![0][0];

  it('draws both curves over the fractions with the areas and their random yardsticks', () => {
    const v = curvesView(c, '7');
    assert.deepEqual(
      v.series.map((s) => s.id),
      ['deletion', 'insertion'],
    );
    assert.equal(v.series[0].points.length, c.fractions.length);
    assert.ok(Math.abs(trapezoidArea(c.fractions, c.deletion) - v.series[0].area) < 1e-12);
    const all = [...c.deletion, ...c.insertion];
    assert.ok(v.yDomain[0] <= Math.min(...all) && v.yDomain[1] >= Math.max(...all));
    assert.match(v.areasText, /deletion area [\d.]+ \(random order [\d.]+\) · insertion area/);
    assert.equal(v.meaning, CURVES_MEANING);
    assert.match(v.verdict, /^Both curves beat the random order/);
  });

  it('says so when a map is no better than random', () => {
    const bad = {
      ...c,
      deletion_area: 0.5,
      random_deletion_area: 0.4,
      insertion_area: 0.1,
      random_insertion_area: 0.2,
    };
    assert.match(curvesVerdict(bad), /^Neither curve/);
    assert.match(curvesVerdict({ ...bad, deletion_area: 0.3 }), /^Deletion beats/);
  });

  it('integrates by the trapezoid rule: exact for straight lines', () => {
    assert.equal(trapezoidArea([0, 0.5, 1], [1, 0.5, 0]), 0.5);
    assert.equal(trapezoidArea([0, 1], [2, 2]), 2);
  });
});

describe('Image view: .npy export', () => {
  for (const shape of [[28, 28], [2, 28, 28], [5], [3, 7]]) {
    it(`writes float32 ${shape.join('x')} that the project's .npy parser reads back`, () => {
      const count = shape.reduce((a, b) => a * b, 1);
      const data = Float64Array.from({ length: count }, (_, i) => Math.sin(i) * 3.5);
      const bytes = npyFloat32(shape, data);
      const h = parseNpyHeader(bytes, 'map.npy');
      assert.equal(h.descr, '<f4');
      assert.equal(h.fortranOrder, false);
      assert.deepEqual(h.shape, shape);
      assert.equal(h.dataOffset % 64, 0);
      assert.equal(bytes[h.dataOffset - 1], 0x0a);
      assert.equal(bytes.length, h.dataOffset + count * 4);
      const back = new Float32Array(bytes.slice(h.dataOffset).buffer);
      back.forEach((v, i) => assert.equal(v, Math.fround(data[i])));
    });
  }

  it('refuses data that does not fill the shape, and encodes bytes as base64', () => {
    assert.throws(() => npyFloat32([2, 2], [1, 2, 3]));
    assert.equal(bytesToBase64(new Uint8Array([0x93, 0x4e, 0x55])), Buffer.from([0x93, 0x4e, 0x55]).toString('base64'));
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    assert.equal(bytesToBase64(big), Buffer.from(big).toString('base64'));
  });
});
