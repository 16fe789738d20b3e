/** Exports: a chart as standalone SVG or PNG, the attributions as CSV or JSON. */
import { svgToPngBase64 } from '../common/png';
import type { Attribution } from '../../src/protocol/attributionTypes';
import { csvNumber, csvText } from '../common/csv';
import { classNames } from './models/common';

/** Presentation properties copied from the live chart, so the file looks the same outside the webview. */
const INLINED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
];

/** Standalone SVG text: computed styles (CSS variables resolved) inlined, theme background behind. */
export function chartToSvgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const live = [svg, ...Array.from(svg.querySelectorAll<SVGElement>('*'))];
  const copies = [clone, ...Array.from(clone.querySelectorAll<SVGElement>('*'))];
  live.forEach((el, i) => {
    const computed = getComputedStyle(el);
    const copy = copies[i];
    for (const p of INLINED) {
      const v = computed.getPropertyValue(p);
      if (v) copy.style.setProperty(p, v);
    }
    copy.removeAttribute('class');
    copy.removeAttribute('tabindex');
  });
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.ceil(width)));
  clone.setAttribute('height', String(Math.ceil(height)));
  const background = getComputedStyle(svg.ownerDocument.body).backgroundColor;
  const rect = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background || 'white');
  clone.insertBefore(rect, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** PNG as base64 (no data: prefix) of the standalone SVG, over the theme's background. */
export function chartToPngBase64(svg: SVGSVGElement, scale = 2): Promise<string> {
  const { width, height } = svg.getBoundingClientRect();
  const background = getComputedStyle(svg.ownerDocument.body).backgroundColor || 'white';
  return svgToPngBase64({ text: chartToSvgText(svg), width, height }, scale, background);
}

/** One line per row x feature x class: row (the data file's), feature, class, value, feature_value (names from
 * the model or sidecar are text cells, neutralised against spreadsheet formulas). */
export function attributionsToCsv(attr: Attribution): string {
  const names = classNames(attr);
  const lines = ['row,feature,class,value,feature_value'];
  attr.values.forEach((rowValues, r) => {
    const dataRow = String(attr.rows[r] ?? r);
    rowValues.forEach((perClass, f) => {
      const feature = csvText(attr.feature_names[f]);
      const featureValue = csvNumber(attr.feature_values[r]?.[f] ?? NaN);
      perClass.forEach((value, c) => {
        lines.push([dataRow, feature, csvText(names[c]), csvNumber(value), featureValue].join(','));
      });
    });
  });
  return lines.join('\n') + '\n';
}

/** The Attribution object as is (JSON writes NaN as null). */
export function attributionsToJson(attr: Attribution): string {
  return JSON.stringify(attr, null, 2) + '\n';
}
