/** Preview page: every attribution chart from deterministic fake data; re-renders when the theme class changes. */
import { chartToPngBase64, chartToSvgText } from '../../../webview/attributions/export';
import {
  beeswarm,
  dependence,
  explainedRowsTable,
  forcePlot,
  globalImportance,
  importanceView,
  limeView,
  pdpView,
  waterfall,
} from '../../../webview/attributions/model';
import {
  renderBar,
  renderBeeswarm,
  renderDependence,
  renderForce,
  renderImportance,
  renderLime,
  renderPdp,
  renderTable,
  renderWaterfall,
} from '../../../webview/attributions/render/index';
import { fakeAttribution, fakeImportance, fakePartialDependence } from './fakeAttribution';
import { mountImagePreview } from './imagePreview';

const attr = fakeAttribution();
const lime = fakeAttribution({ method: 'lime' });
const pd = fakePartialDependence();
const pi = fakeImportance();
const W = 580;

const charts: [string, string, (el: HTMLElement) => SVGSVGElement | HTMLElement][] = [
  [
    'bar',
    'Global importance (class_0, top 8)',
    (el) => renderBar(el, globalImportance(attr, { classIndex: 0, topK: 8 }), { width: W, height: 300 }),
  ],
  [
    'bar-stacked',
    'Global importance stacked by class',
    (el) => renderBar(el, globalImportance(attr, { classIndex: 'all' }), { width: W, height: 320 }),
  ],
  [
    'beeswarm',
    'Beeswarm (class_0)',
    (el) => renderBeeswarm(el, beeswarm(attr, { classIndex: 0 }), { width: W, height: 420 }),
  ],
  [
    'dependence',
    'Dependence of the top feature',
    (el) => renderDependence(el, dependence(attr, { classIndex: 0, featureIndex: 6 }), { width: W, height: 420 }),
  ],
  [
    'waterfall',
    'Waterfall, row 0',
    (el) => renderWaterfall(el, waterfall(attr, { row: 0, classIndex: 0 }), { width: W, height: 360 }),
  ],
  [
    'waterfall-lime',
    'Waterfall of a LIME row (gap shown)',
    (el) => renderWaterfall(el, waterfall(lime, { row: 1, classIndex: 0, topK: 6 }), { width: W, height: 360 }),
  ],
  [
    'force',
    'Force plot, row 0',
    (el) => renderForce(el, forcePlot(attr, { row: 0, classIndex: 0 }), { width: W * 2 + 24, height: 130 }),
  ],
  ['pdp', 'PDP + ICE', (el) => renderPdp(el, pdpView(pd, { classIndex: 0 }), { width: W, height: 300 })],
  [
    'pdp-centred',
    'Centred ICE',
    (el) => renderPdp(el, pdpView(pd, { classIndex: 0, centred: true }), { width: W, height: 300 }),
  ],
  ['importance', 'Permutation importance', (el) => renderImportance(el, importanceView(pi), { width: W, height: 320 })],
  [
    'lime',
    'LIME weights',
    (el) => renderLime(el, limeView(lime, { row: 1, classIndex: 0 }), { width: W, height: 320 }),
  ],
  ['table', 'Explained rows', (el) => renderTable(el, explainedRowsTable(attr, { classIndex: 0 }), { selectedRow: 2 })],
];

const app = document.getElementById('app') as HTMLElement;
const grid = document.createElement('div');
grid.className = 'grid';
app.append(grid);
const cells = new Map<string, HTMLElement>();
// The image view first: it is wide and has its own sections.
const imageCell = document.createElement('section');
imageCell.className = 'cell wide';
imageCell.id = 'image-view';
grid.append(imageCell);
const imageView = mountImagePreview(imageCell, W * 2 + 24);
for (const [id, title] of charts) {
  const cell = document.createElement('section');
  cell.className = id === 'force' || id === 'table' ? 'cell wide' : 'cell';
  const h = document.createElement('h2');
  h.textContent = title;
  const body = document.createElement('div');
  body.id = `chart-${id}`;
  if (id === 'table') body.className = 'table-scroll';
  cell.append(h, body);
  grid.append(cell);
  cells.set(id, body);
}

function renderAll(): void {
  for (const [id, , draw] of charts) draw(cells.get(id) as HTMLElement);
  imageView.redraw();
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
}

renderAll();
// VS Code swaps the theme class on <body>: colours resolved in d3 (value scales) must be redrawn.
new MutationObserver(renderAll).observe(document.body, { attributes: true, attributeFilter: ['class'] });

const svgOf = (id: string) => cells.get(id)?.querySelector('svg') as SVGSVGElement;
Object.assign(window, {
  previewExports: {
    svg: (id: string) => chartToSvgText(svgOf(id)),
    png: (id: string) => chartToPngBase64(svgOf(id)),
  },
  previewImage: imageView.exports,
});
