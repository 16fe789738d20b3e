// The main image map's size: fitted to the panel keeping the aspect ratio, or exact zooms; the pointer maps back.

import assert from 'node:assert/strict';
import { FIT_MAX_HEIGHT, inputPixelAt, mapZoomScale } from '../../../webview/attributions/image/models/zoom';
import { defaultImageState } from '../../../webview/attributions/image/models/imageView';

describe('Image view: zoom', () => {
  it('a 192x48 map fits the panel width (not 192 px), keeping its aspect ratio', () => {
    const s = mapZoomScale(192, 48, 'fit', 860);
    assert.ok(Math.abs(192 * s - 860) < 1e-9, `drawn ${192 * s} px wide`);
    assert.ok(Math.abs((48 * s) / (192 * s) - 48 / 192) < 1e-12);
    assert.equal(defaultImageState().zoom, 'fit');
  });

  it('a square map fits within the height limit; 1x, 2x and 4x are exact', () => {
    const s = mapZoomScale(28, 28, 'fit', 860);
    assert.ok(28 * s <= FIT_MAX_HEIGHT + 1e-9 && 28 * s > 28);
    for (const z of [1, 2, 4] as const) assert.equal(mapZoomScale(192, 48, z, 300), z);
  });

  it('a point on the drawn map names the input pixel under it, at any zoom', () => {
    const input = { width: 192, height: 48 };
    for (const s of [1, 2, 4, mapZoomScale(192, 48, 'fit', 777)]) {
      const drawn = { width: Math.round(192 * s), height: Math.round(48 * s) };
      // The centre of every 7th input pixel lands back on it.
      for (let y = 0; y < 48; y += 7)
        for (let x = 0; x < 192; x += 7) {
          const px = ((x + 0.5) * drawn.width) / 192;
          const py = ((y + 0.5) * drawn.height) / 48;
          assert.deepEqual(inputPixelAt(px, py, drawn, input), { x, y }, `zoom ${s}, pixel (${x}, ${y})`);
        }
      assert.equal(inputPixelAt(drawn.width, 0, drawn, input), undefined);
      assert.equal(inputPixelAt(-0.1, 0, drawn, input), undefined);
      assert.deepEqual(inputPixelAt(drawn.width - 1e-6, drawn.height - 1e-6, drawn, input), { x: 191, y: 47 });
    }
  });
});
