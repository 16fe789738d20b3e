/** Wiring of the Attributions tab: choices in, runs with progress out to the host, charts drawn from the results. */
import { select } from 'd3';
import type { RpcEndpoint } from '../../src/protocol/endpoint';
import type { ExplainChoices, ExplainOptions, PanelNotifications, PanelRequests } from '../../src/protocol/messages';
import type {
  Attribution,
  ExplainOutcome,
  PartialDependence,
  PermutationImportance,
} from '../../src/protocol/explainTypes';
import type { SortKey } from './models/table';
import { attributionsToCsv, attributionsToJson, chartToPngBase64, chartToSvgText } from './export';
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
} from './model';
import { choicesFromFields, fieldsFromChoices, outcomeText, planText, progressText } from './panelModel';
import {
  readFields,
  renderForm,
  setField,
  setPlan,
  setProgress,
  setRunning,
  showMessages,
  type Area,
} from './panelRender';
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
} from './render/index';

type Host = Pick<RpcEndpoint<Record<string, never>, PanelRequests, PanelNotifications>, 'request' | 'on'>;

interface View {
  attribution?: Attribution;
  outcome?: ExplainOutcome;
  classIndex?: number;
  row: number;
  feature?: number;
  importance?: PermutationImportance;
  pdp?: PartialDependence;
  tableSort?: SortKey;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function mountAttributions(container: HTMLElement, host: Host): void {
  const root = select(container) as unknown as Area;
  root.selectAll('*').remove();
  const formArea = root.append('div').attr('class', 'attr-controls') as unknown as Area;
  const results = root.append('div').attr('id', 'attr-results') as unknown as Area;
  const view: View = { row: 0 };
  let options: ExplainOptions | undefined;
  let running = false;

  const choices = (): ExplainChoices | undefined => {
    const r = choicesFromFields(readFields());
    if ('error' in r) {
      showMessages([r.error], 'error');
      return undefined;
    }
    return r.choices;
  };

  async function plan(): Promise<void> {
    const c = choicesFromFields(readFields());
    if ('error' in c) return setPlan('');
    try {
      setPlan(planText(await host.request('explain/plan', { choices: c.choices })));
    } catch (e) {
      setPlan('');
      showMessages([message(e)], 'error');
    }
  }

  async function run(): Promise<void> {
    const c = choices();
    if (!c || running) return;
    running = true;
    setRunning(true);
    setProgress(0, 'starting...');
    showMessages([], 'hint');
    try {
      const outcome = await host.request('explain/run', { choices: c });
      show(outcome);
      if (outcome.plan.notes.length) showMessages(outcome.plan.notes, 'notes');
    } catch (e) {
      // Earlier results stay drawn; the message names what went wrong.
      const text = message(e);
      showMessages(
        [text === 'Cancelled' ? 'The run was cancelled; the rows finished before it are shown.' : text],
        'error',
      );
    } finally {
      running = false;
      setRunning(false);
    }
  }

  function show(outcome: ExplainOutcome): void {
    view.outcome = outcome;
    view.attribution = outcome.attribution;
    view.row = Math.min(view.row, Math.max(0, outcome.attribution.rows.length - 1));
    draw();
  }

  host.on('explain/progress', (p) =>
    setProgress(p.total ? p.done / p.total : 0, progressText(p.done, p.total, p.etaSeconds)),
  );
  host.on('explain/partial', ({ attribution }) => {
    view.attribution = attribution;
    draw();
  });

  function draw(): void {
    results.selectAll('*').remove();
    const attr = view.attribution;
    if (!attr || attr.rows.length === 0) return;
    const picker = classPicker(attr, view.classIndex);
    const classIndex = picker.selected;
    const width = Math.max(420, Math.min(900, (container.clientWidth || 800) - 24));
    const features = attr.feature_names.length;
    const bar = results.append('div').attr('class', 'attr-bar');
    bar
      .append('span')
      .attr('id', 'attr-summary')
      .attr('class', 'hint')
      .text(outcomeText(attr, view.outcome?.dataRows, view.outcome?.background));
    if (picker.visible) {
      const sel = bar.append('label').text('Class ').append('select').attr('id', 'attr-class');
      sel
        .selectAll('option')
        .data(picker.options)
        .join('option')
        .attr('value', (d) => d.index)
        .text((d) => d.label);
      sel.property('value', String(classIndex)).on('change', function () {
        view.classIndex = Number((this as HTMLSelectElement).value);
        draw();
      });
    }
    const exports: [string, string, () => void][] = [
      ['attr-export-csv', 'Export CSV', () => save('csv', attributionsToCsv(attr))],
      ['attr-export-json', 'Export JSON', () => save('json', attributionsToJson(attr))],
      ['attr-export-report', 'Export HTML report', () => void report()],
    ];
    for (const [id, label, act] of exports)
      bar.append('button').attr('id', id).attr('type', 'button').text(label).on('click', act);
    const onSelectRow = (row: number) => {
      view.row = row;
      draw();
    };
    const onSelectFeature = (f: number) => {
      view.feature = f;
      draw();
    };
    const chart = (id: string, title: string) => {
      const section = results.append('section').attr('class', 'attr-chart').attr('id', `section-${id}`);
      const head = section.append('div').attr('class', 'attr-chart-head');
      head.append('h3').text(title);
      const el = section.append('div').attr('id', `chart-${id}`).node() as HTMLElement;
      head
        .append('button')
        .attr('type', 'button')
        .attr('class', 'attr-export-svg')
        .text('SVG')
        .on('click', () => {
          const svg = el.querySelector('svg');
          if (svg) save('svg', chartToSvgText(svg), id);
        });
      head
        .append('button')
        .attr('type', 'button')
        .attr('class', 'attr-export-png')
        .text('PNG')
        .on('click', async () => {
          const svg = el.querySelector('svg');
          if (svg) await savePng(await chartToPngBase64(svg), id);
        });
      return el;
    };
    const rowLabel = `row ${attr.rows[view.row]}`;
    renderBar(chart('bar', 'Global importance (mean |attribution|)'), globalImportance(attr, { classIndex }), {
      width,
      height: 80 + 26 * Math.min(11, features),
      onSelectFeature,
    });
    if (attr.output_columns.length > 1) {
      renderBar(chart('bar-stacked', 'Global importance by class'), globalImportance(attr, { classIndex: 'all' }), {
        width,
        height: 100 + 26 * Math.min(11, features),
        onSelectFeature,
      });
    }
    renderBeeswarm(chart('beeswarm', 'Attributions per row'), beeswarm(attr, { classIndex, maxFeatures: 20 }), {
      width,
      height: 80 + 32 * Math.min(features, 21),
      onSelectRow,
      onSelectFeature,
    });
    renderWaterfall(chart('waterfall', `Waterfall of ${rowLabel}`), waterfall(attr, { row: view.row, classIndex }), {
      width,
      height: 100 + 28 * Math.min(12, features + 1),
      onSelectFeature,
    });
    renderForce(chart('force', `Force plot of ${rowLabel}`), forcePlot(attr, { row: view.row, classIndex }), {
      width,
      height: 130,
    });
    if (attr.rows.length > 1) {
      const dep = dependence(attr, { classIndex, featureIndex: view.feature });
      renderDependence(chart('dependence', `Dependence of ${dep.feature}`), dep, { width, height: 360, onSelectRow });
    }
    if (attr.method === 'lime') {
      renderLime(chart('lime', `LIME weights of ${rowLabel}`), limeView(attr, { row: view.row, classIndex }), {
        width,
        height: 100 + 26 * Math.min(10, features),
      });
    }
    const table = results.append('section').attr('class', 'attr-chart').attr('id', 'section-table');
    table.append('h3').text('Explained rows');
    renderTable(table.append('div').node() as HTMLElement, explainedRowsTable(attr, { classIndex }), {
      selectedRow: view.row,
      sort: view.tableSort,
      onSort: (key) => (view.tableSort = key),
      onSelectRow,
    });
    drawGlobal(classIndex, width);
  }

  /** Permutation importance (needs a label column) and partial dependence, on request. */
  function drawGlobal(classIndex: number, width: number): void {
    const attr = view.attribution!;
    const section = results.append('section').attr('class', 'attr-chart').attr('id', 'section-global');
    section.append('h3').text('Permutation importance and partial dependence');
    const bar = section.append('div').attr('class', 'attr-bar');
    const labels = view.outcome?.otherColumns ?? [];
    const label = bar.append('label').text('Label column ').append('select').attr('id', 'attr-label');
    label
      .selectAll('option')
      .data(labels)
      .join('option')
      .attr('value', (d) => d)
      .text((d) => d);
    bar
      .append('button')
      .attr('id', 'attr-run-importance')
      .attr('type', 'button')
      .attr('disabled', labels.length ? null : true)
      .text('Permutation importance')
      .on('click', async () => {
        const c = choices();
        if (!c) return;
        try {
          view.importance = await host.request('explain/importance', { choices: c, label: label.property('value') });
          draw();
        } catch (e) {
          showMessages([message(e)], 'error');
        }
      });
    const feature = bar.append('label').text(' Feature ').append('select').attr('id', 'attr-pdp-feature');
    feature
      .selectAll('option')
      .data(attr.feature_names)
      .join('option')
      .attr('value', (d) => d)
      .text((d) => d);
    if (view.pdp) feature.property('value', view.pdp.feature);
    bar
      .append('button')
      .attr('id', 'attr-run-pdp')
      .attr('type', 'button')
      .text('Partial dependence')
      .on('click', async () => {
        const c = choices();
        if (!c) return;
        try {
          view.pdp = await host.request('explain/pdp', { choices: c, feature: feature.property('value') });
          draw();
        } catch (e) {
          showMessages([message(e)], 'error');
        }
      });
    if (view.importance) {
      const el = section.append('div').attr('id', 'chart-importance').node() as HTMLElement;
      renderImportance(el, importanceView(view.importance), {
        width,
        height: 80 + 26 * Math.min(11, view.importance.feature_names.length),
      });
    }
    if (view.pdp) {
      const el = section.append('div').attr('id', 'chart-pdp').node() as HTMLElement;
      renderPdp(el, pdpView(view.pdp, { classIndex: Math.min(classIndex, view.pdp.average.length - 1) }), {
        width,
        height: 320,
      });
    }
  }

  function save(format: 'csv' | 'json' | 'svg', text: string, chartId?: string): void {
    const base = (view.outcome?.plan.output ?? 'attributions').replace(/[^\w.-]+/g, '_');
    const defaultName = chartId ? `${base}-${chartId}.${format}` : `${base}-attributions.${format}`;
    host.request('panel/saveFile', { defaultName, format, text }).catch((e) => showMessages([message(e)], 'error'));
  }

  async function savePng(base64: string, chartId: string): Promise<void> {
    await host
      .request('panel/saveFile', { defaultName: `${chartId}.png`, format: 'png', base64 })
      .catch((e) => showMessages([message(e)], 'error'));
  }

  async function report(): Promise<void> {
    try {
      const r = await host.request('explain/report', {
        importance: view.importance,
        pdp: view.pdp ? [view.pdp] : undefined,
      });
      if (r.saved) showMessages([`Report saved to ${r.path}.`], 'hint');
    } catch (e) {
      showMessages([message(e)], 'error');
    }
  }

  async function pick(purpose: 'data' | 'background'): Promise<void> {
    const r = await host.request('explain/pickFile', { purpose });
    if (!r.path) return;
    setField(purpose === 'data' ? 'attr-data' : 'attr-background', r.path);
    void plan();
  }

  void (async () => {
    try {
      options = await host.request('explain/options', {});
    } catch (e) {
      showMessages([message(e)], 'error');
      return;
    }
    renderForm(formArea, fieldsFromChoices(options.choices), options.dataFiles, options.outputs, {
      pickData: () => void pick('data'),
      pickBackground: () => void pick('background'),
      changed: () => void plan(),
      run: () => void run(),
      cancel: () => void host.request('explain/cancel', {}),
      openSidecar: () => void host.request('panel/command', { command: 'openSidecar' }),
      revealModel: () => void host.request('panel/command', { command: 'revealModel' }),
    });
    if (options.sidecar.problems.length) showMessages(options.sidecar.problems, 'error');
    if (options.cached) show(options.cached);
    void plan();
  })();

  // Charts take their colours from the theme: draw again when it changes.
  new MutationObserver(() => view.attribution && draw()).observe(document.body, {
    attributes: true,
    attributeFilter: ['class'],
  });
}
