/** A titled chart section with its exports (CSV, JSON, SVG, PNG); the renderer draws into the returned element. */
import type { Area } from '../../attributions/panelRender';

export interface SectionExports {
  csv?: () => string;
  json?: () => unknown;
  /** SVG and PNG of the section's svg (when it has one). */
  picture?: boolean;
}

export interface ExportHandler {
  (id: string, format: 'csv' | 'json' | 'svg' | 'png', body: { text?: string; svg?: SVGSVGElement }): void;
}

export function evalSection(
  parent: Area,
  id: string,
  title: string,
  exports: SectionExports,
  /** Without it (the static HTML report) the section has no export buttons. */
  onExport: ExportHandler | undefined,
  hint?: string,
): HTMLElement {
  const section = parent.append('section').attr('class', 'attr-chart eval-section').attr('id', `section-${id}`);
  const head = section.append('div').attr('class', 'attr-chart-head');
  head.append('h3').text(title);
  const el = section.append('div').attr('id', `chart-${id}`).node() as HTMLElement;
  const button = (format: 'csv' | 'json' | 'svg' | 'png', act: () => void) =>
    head
      .append('button')
      .attr('type', 'button')
      .attr('class', `eval-export-${format}`)
      .attr('title', `Save "${title}" as ${format.toUpperCase()}`)
      .text(format.toUpperCase())
      .on('click', act);
  const { csv, json } = exports;
  if (onExport && csv) button('csv', () => onExport(id, 'csv', { text: csv() }));
  if (onExport && json) button('json', () => onExport(id, 'json', { text: JSON.stringify(json(), null, 2) + '\n' }));
  if (onExport && exports.picture !== false) {
    for (const format of ['svg', 'png'] as const)
      button(format, () => {
        const svg = el.querySelector('svg');
        if (svg) onExport(id, format, { svg });
      });
  }
  if (hint) section.insert('p', `#chart-${id}`).attr('class', 'hint').text(hint);
  return el;
}
