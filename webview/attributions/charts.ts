/** The Attributions tab's charts for one result: each in a section with SVG and PNG exports (d3 wiring only). */
import type { Attribution } from '../../src/protocol/attributionTypes';
import type { SortKey } from './models/table';
import { beeswarm, dependence, explainedRowsTable, forcePlot, globalImportance, limeView, waterfall } from './model';
import type { Area } from './panelRender';
import {
  renderBar,
  renderBeeswarm,
  renderDependence,
  renderForce,
  renderLime,
  renderTable,
  renderWaterfall,
} from './render/index';

export interface ChartChoices {
  classIndex: number;
  /** Position in the attribution's rows. */
  row: number;
  feature?: number;
  tableSort?: SortKey;
}

export interface ChartHandlers {
  selectRow(row: number): void;
  selectFeature(feature: number): void;
  sortTable(key: SortKey): void;
  exportSvg(svg: SVGSVGElement, chartId: string): void;
  exportPng(svg: SVGSVGElement, chartId: string): void;
}

/** A titled chart section with its export buttons; returns the element the renderer draws into. */
export function chartSection(parent: Area, id: string, title: string, h: ChartHandlers): HTMLElement {
  const section = parent.append('section').attr('class', 'attr-chart').attr('id', `section-${id}`);
  const head = section.append('div').attr('class', 'attr-chart-head');
  head.append('h3').text(title);
  const el = section.append('div').attr('id', `chart-${id}`).node() as HTMLElement;
  const svg = () => el.querySelector('svg');
  const exports: [string, string, (svg: SVGSVGElement, chartId: string) => void][] = [
    ['svg', 'SVG', (s, id) => h.exportSvg(s, id)],
    ['png', 'PNG', (s, id) => h.exportPng(s, id)],
  ];
  for (const [format, name, save] of exports)
    head
      .append('button')
      .attr('type', 'button')
      .attr('class', `attr-export-${format}`)
      .attr('title', `Save "${title}" as ${name}`)
      .text(name)
      .on('click', () => {
        const s = svg();
        if (s) save(s, id);
      });
  return el;
}

/** Importance, beeswarm, waterfall, force, dependence, LIME and the rows table for `attr`. */
export function drawCharts(results: Area, attr: Attribution, c: ChartChoices, width: number, h: ChartHandlers): void {
  const features = attr.feature_names.length;
  const { classIndex } = c;
  const rowLabel = `row ${attr.rows[c.row]}`;
  const bars = { width, height: 80 + 26 * Math.min(11, features), onSelectFeature: h.selectFeature };
  renderBar(
    chartSection(results, 'bar', 'Global importance (mean |attribution|)', h),
    globalImportance(attr, { classIndex }),
    bars,
  );
  if (attr.output_columns.length > 1) {
    renderBar(
      chartSection(results, 'bar-stacked', 'Global importance by class', h),
      globalImportance(attr, { classIndex: 'all' }),
      { ...bars, height: bars.height + 20 },
    );
  }
  renderBeeswarm(
    chartSection(results, 'beeswarm', 'Attributions per row (beeswarm)', h),
    beeswarm(attr, { classIndex, maxFeatures: 20 }),
    { width, height: 80 + 32 * Math.min(features, 21), onSelectRow: h.selectRow, onSelectFeature: h.selectFeature },
  );
  renderWaterfall(
    chartSection(results, 'waterfall', `Waterfall of ${rowLabel}`, h),
    waterfall(attr, { row: c.row, classIndex }),
    { width, height: 100 + 28 * Math.min(12, features + 1), onSelectFeature: h.selectFeature },
  );
  renderForce(
    chartSection(results, 'force', `Force plot of ${rowLabel}`, h),
    forcePlot(attr, { row: c.row, classIndex }),
    {
      width,
      height: 136,
    },
  );
  if (attr.rows.length > 1) {
    const dep = dependence(attr, { classIndex, featureIndex: c.feature });
    renderDependence(chartSection(results, 'dependence', `Dependence of ${dep.feature}`, h), dep, {
      width,
      height: 360,
      onSelectRow: h.selectRow,
    });
  }
  if (attr.method === 'lime') {
    renderLime(
      chartSection(results, 'lime', `LIME weights of ${rowLabel}`, h),
      limeView(attr, { row: c.row, classIndex }),
      { width, height: 100 + 26 * Math.min(10, features) },
    );
  }
  const table = results.append('section').attr('class', 'attr-chart').attr('id', 'section-table');
  table.append('div').attr('class', 'attr-chart-head').append('h3').text('Explained rows');
  table.append('p').attr('class', 'hint').text('Choose a row for its waterfall, a feature value for its dependence.');
  renderTable(
    table.append('div').attr('class', 'attr-table-wrap').node() as HTMLElement,
    explainedRowsTable(attr, { classIndex }),
    {
      selectedRow: c.row,
      sort: c.tableSort,
      onSort: h.sortTable,
      onSelectRow: h.selectRow,
      onSelectFeature: h.selectFeature,
    },
  );
}
