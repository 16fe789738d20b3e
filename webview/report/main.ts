/** The standalone report page: reads #report-data, draws the summary tables and every chart with the panel's renderers. */
import { select } from 'd3';
import '../../media/attributions.css';
import '../../media/evaluation.css';
import './report.css';
import {
  beeswarm,
  classPicker,
  dependence,
  explainedRowsTable,
  forcePlot,
  globalImportance,
  importanceView,
  limeView,
  pdpView,
  waterfall,
} from '../attributions/model';
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
} from '../attributions/render/index';
import { defaultImageState, isImageAttribution } from '../attributions/image/models/imageView';
import { drawImageView } from '../attributions/image/view';
import type { Area } from '../attributions/panelRender';
import { imageTargetPicker } from '../attributions/image/models/imageView';
import { isSequenceAttribution } from '../attributions/sequence/models/sequenceView';
import { drawSequenceView } from '../attributions/sequence/view';
import { isTextAttribution } from '../attributions/text/models/textView';
import { drawTextView } from '../attributions/text/view';
import { describeValue, parseReportData } from './data';
import { drawEvaluationReport } from './evaluation';
import { modelFactTables, type FactTable } from './modelFacts';

const data = parseReportData((document.getElementById('report-data') as HTMLScriptElement).textContent ?? '{}');
const attr = data.attribution;
const app = select(document.getElementById('app') as HTMLElement);
let classIndex = classPicker(attr).selected;

function keyValueTable(parent: HTMLElement, id: string, title: string, record: Record<string, unknown>): void {
  const section = select(parent).append('section').attr('id', id);
  section.append('h2').text(title);
  const rows = section
    .append('table')
    .attr('class', 'ml-kv')
    .append('tbody')
    .selectAll('tr')
    .data(Object.entries(record))
    .join('tr');
  rows.append('th').text(([k]) => k);
  rows.append('td').text(([, v]) => describeValue(v));
}

/** A table of the model's facts: a header row when it has columns, else each row's first cell is its header. */
function factTable(parent: HTMLElement, t: FactTable): void {
  const section = select(parent).append('section').attr('id', t.id);
  section.append('h2').text(t.title);
  const table = section.append('table').attr('class', t.columns.length ? 'ml-kv ml-facts' : 'ml-kv');
  if (t.columns.length)
    table
      .append('thead')
      .append('tr')
      .selectAll('th')
      .data(t.columns)
      .join('th')
      .attr('scope', 'col')
      .text((c) => c);
  const rows = table.append('tbody').selectAll('tr').data(t.rows).join('tr');
  rows
    .selectAll<HTMLTableCellElement, string>('th,td')
    .data((r) => r)
    .join((enter) => enter.append((_d, i) => document.createElement(!t.columns.length && i === 0 ? 'th' : 'td')))
    .text((c) => c);
}

function chartSection(parent: HTMLElement, id: string, title: string, hint?: string): HTMLElement {
  const section = select(parent).append('section').attr('class', 'ml-report-chart').attr('id', `section-${id}`);
  section.append('h2').text(title);
  if (hint) section.append('p').attr('class', 'hint').text(hint);
  return section.append('div').attr('id', `chart-${id}`).node() as HTMLElement;
}

function drawCharts(root: HTMLElement): void {
  select(root).selectAll('*').remove();
  const width = Math.max(480, Math.min(960, root.clientWidth || 900));
  const features = attr.feature_names.length;
  const lanes = Math.min(features, 20);
  const row0 = 0;
  renderBar(
    chartSection(root, 'bar', 'Global importance', 'Mean |attribution| over the explained rows.'),
    globalImportance(attr, { classIndex }),
    { width, height: 80 + 26 * Math.min(11, features) },
  );
  if (attr.output_columns.length > 1)
    renderBar(
      chartSection(root, 'bar-stacked', 'Global importance by class'),
      globalImportance(attr, { classIndex: 'all' }),
      { width, height: 100 + 26 * Math.min(11, features) },
    );
  renderBeeswarm(
    chartSection(
      root,
      'beeswarm',
      'Attributions per row',
      'One dot per row; colour is the feature value (blue low, red high).',
    ),
    beeswarm(attr, { classIndex, maxFeatures: lanes }),
    { width, height: 80 + 32 * Math.min(features, lanes + 1) },
  );
  if (attr.values.length) {
    const first = `row ${attr.rows[row0] ?? row0}`;
    renderWaterfall(
      chartSection(root, 'waterfall', `Waterfall of ${first}`),
      waterfall(attr, { row: row0, classIndex }),
      { width, height: 100 + 28 * Math.min(12, features + 1) },
    );
    renderForce(chartSection(root, 'force', `Force plot of ${first}`), forcePlot(attr, { row: row0, classIndex }), {
      width,
      height: 130,
    });
    const dep = dependence(attr, { classIndex });
    renderDependence(
      chartSection(
        root,
        'dependence',
        `Dependence of ${dep.feature}`,
        dep.interaction ? `Coloured by ${dep.interaction.feature}, its strongest interaction.` : undefined,
      ),
      dep,
      { width, height: 380 },
    );
    if (attr.method === 'lime')
      renderLime(chartSection(root, 'lime', `LIME weights of ${first}`), limeView(attr, { row: row0, classIndex }), {
        width,
        height: 100 + 26 * Math.min(10, features),
      });
  }
  if (data.importance)
    renderImportance(chartSection(root, 'importance', 'Permutation importance'), importanceView(data.importance), {
      width,
      height: 80 + 26 * Math.min(11, data.importance.feature_names.length),
    });
  data.pdp.forEach((pd, i) => {
    const k = Math.min(classIndex, pd.average.length - 1);
    renderPdp(chartSection(root, `pdp-${i}`, `Partial dependence on ${pd.feature}`), pdpView(pd, { classIndex: k }), {
      width,
      height: 320,
    });
  });
  const tableHolder = select(root).append('section').attr('id', 'section-rows');
  tableHolder.append('h2').text('Explained rows');
  renderTable(
    tableHolder.append('div').attr('class', 'ml-table-scroll').node() as HTMLElement,
    explainedRowsTable(attr, { classIndex }),
  );
}

/** Image attributions: the pictures, the chosen one's map at the default opacity, its top-k maps and curves. */
function drawImageReport(root: HTMLElement, row = 0, target = 0): void {
  select(root).selectAll('*').remove();
  drawImageView(
    select(root) as unknown as Area,
    {
      attr,
      images: data.images,
      row,
      target,
      state: defaultImageState(),
      width: Math.max(480, Math.min(960, root.clientWidth || 900)),
      static: true,
    },
    {
      selectRow: (r) => drawImageReport(root, r, 0),
      selectTarget: (t) => drawImageReport(root, row, t),
    },
  );
}

/** Text and sequence attributions: the panel's view without exports; a row or class chosen redraws it. */
function drawKindReport(root: HTMLElement, row = 0, target = 0): void {
  select(root).selectAll('*').remove();
  const area = select(root) as unknown as Area;
  const picker = imageTargetPicker(attr, row, target);
  if (picker.visible) {
    const label = area.append('label').attr('class', 'ml-class-picker').text('Class ');
    label
      .append('select')
      .attr('id', 'class-picker')
      .on('change', (event: Event) => drawKindReport(root, row, Number((event.target as HTMLSelectElement).value)))
      .selectAll('option')
      .data(picker.options)
      .join('option')
      .attr('value', (o) => o.index)
      .property('selected', (o) => o.index === picker.selected)
      .text((o) => o.label);
  }
  const input = {
    attr,
    row,
    target: picker.selected,
    width: Math.max(480, Math.min(960, root.clientWidth || 900)),
    static: true,
  };
  const handlers = { selectRow: (r: number) => drawKindReport(root, r, 0) };
  if (isTextAttribution(attr)) drawTextView(area, input, handlers);
  else drawSequenceView(area, input, handlers);
}

/** "3 texts · 14 words" in the subtitle: what a row and a feature are for this kind of input. */
function countsText(): string {
  const rows = attr.values.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (isTextAttribution(attr))
    return `${plural(rows, 'text')} · ${plural(attr.tokens?.reduce((s, t) => s + t.length, 0) ?? 0, 'word')}`;
  if (isSequenceAttribution(attr))
    return `${plural(rows, 'sequence')} · ${plural(attr.windows?.[0]?.length ?? 0, 'window')} each`;
  if (isImageAttribution(attr)) return `${plural(rows, 'image')} · ${Math.max(0, ...(attr.segments ?? [0]))} segments`;
  return `${plural(rows, 'row')} · ${plural(attr.feature_names.length, 'feature')}`;
}

function main(): void {
  const image = isImageAttribution(attr);
  app.selectAll('*').remove();
  app.append('h1').text(data.title);
  app
    .append('p')
    .attr('class', 'subtitle')
    .text(
      `${attr.method} attributions of ${attr.output} · ${countsText()} · ${attr.evaluations} model evaluations in ${attr.seconds.toFixed(1)} s`,
    );
  const top = app.append('div').attr('class', 'ml-report-tables').node() as HTMLElement;
  for (const t of modelFactTables(data.modelSummary)) factTable(top, t);
  keyValueTable(top, 'settings', 'Settings', data.settings);
  if (image) {
    drawImageReport(app.append('div').attr('id', 'charts').node() as HTMLElement);
    document.body.dataset.rendered = 'true';
    return;
  }
  if (isTextAttribution(attr) || isSequenceAttribution(attr)) {
    drawKindReport(app.append('div').attr('id', 'charts').node() as HTMLElement);
    document.body.dataset.rendered = 'true';
    return;
  }
  const picker = classPicker(attr, classIndex);
  if (picker.visible) {
    const label = app.append('label').attr('class', 'ml-class-picker').text('Class ');
    label
      .append('select')
      .attr('id', 'class-picker')
      .on('change', (event: Event) => {
        classIndex = Number((event.target as HTMLSelectElement).value);
        drawCharts(charts);
      })
      .selectAll('option')
      .data(picker.options)
      .join('option')
      .attr('value', (o) => o.index)
      .property('selected', (o) => o.index === classIndex)
      .text((o) => o.label);
  }
  const charts = app.append('div').attr('id', 'charts').node() as HTMLElement;
  drawCharts(charts);
  if (data.evaluation) drawEvaluationReport(app.append('div').node() as HTMLElement, data.evaluation, data.rules);
  document.body.dataset.rendered = 'true';
}

main();
