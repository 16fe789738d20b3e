/** The image view from the fake digits in the preview page: PNG previews drawn by the browser's own encoder. */
import { select } from 'd3';
import type { ImagePreview } from '../../../src/protocol/explainTypes';
import { mapsNpyBase64, overlayPngBase64 } from '../../../webview/attributions/image/export';
import { defaultImageState, mapView } from '../../../webview/attributions/image/models/imageView';
import { heatColours } from '../../../webview/attributions/image/render/heatmap';
import { drawImageView } from '../../../webview/attributions/image/view';
import type { Area } from '../../../webview/attributions/panelRender';
import { fakeImageAttribution, SIDE } from './fakeImage';

/** MNIST's normalisation, so "as the model sees it" has the familiar range -0.42..2.82. */
const MEAN = 0.1307;
const STD = 0.3081;

function pngOf(grey: ArrayLike<number>, lo: number, hi: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = SIDE;
  canvas.height = SIDE;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const data = ctx.createImageData(SIDE, SIDE);
  for (let i = 0; i < grey.length; i++) {
    const v = Math.round((255 * (grey[i] - lo)) / (hi - lo));
    data.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(data, 0, 0);
  return canvas.toDataURL('image/png');
}

export function fakeImagePreviews(): ImagePreview[] {
  const { pictures, files } = fakeImageAttribution();
  return pictures.map((ink, r) => {
    const normalised = Array.from(ink, (v) => (v - MEAN) / STD);
    const min = Math.min(...normalised);
    const max = Math.max(...normalised);
    const mean = normalised.reduce((a, b) => a + b, 0) / normalised.length;
    return {
      file: files[r],
      original: pngOf(ink, 0, 1),
      asModelSees: pngOf(normalised, min, max),
      range: [{ min, max, mean }],
    };
  });
}

/** Draws the image view into `el`; row and target choices redraw it, as the panel does. */
export function mountImagePreview(el: HTMLElement, width: number): { redraw(): void; exports: object } {
  const { attribution } = fakeImageAttribution();
  const images = fakeImagePreviews();
  const state = defaultImageState();
  let row = 0;
  let target = 0;
  const redraw = () => {
    const root = select(el) as unknown as Area;
    root.selectAll('*').remove();
    drawImageView(
      root,
      { attr: attribution, images, row, target, state, width },
      {
        selectRow: (r) => ((row = r), (target = 0), redraw()),
        selectTarget: (t) => ((target = t), redraw()),
        saveFile: () => undefined,
        exportSvg: () => undefined,
        exportPng: () => undefined,
      },
    );
  };
  redraw();
  const map = () => mapView(attribution, row, target)!;
  return {
    redraw,
    exports: {
      images: () => images,
      overlayPng: () =>
        overlayPngBase64(map(), images[row].original, { ...heatColours(el), opacity: state.opacity, mode: state.mode }),
      npy: () => mapsNpyBase64([map()]),
      expectedAt: (x: number, y: number) => {
        const m = map();
        const segment = m.segmentMap![y * SIDE + x];
        return { segment, value: m.segmentValues[segment], pixel: m.values[y * SIDE + x], scale: m.scale };
      },
    },
  };
}
