/** Wiring of the Attributions tab: choices in, runs with progress out to the host, charts drawn from the results. */
import { select } from 'd3';
import type { RpcEndpoint } from '../../src/protocol/endpoint';
import type { ExplainChoices, ExplainOptions, PanelNotifications, PanelRequests } from '../../src/protocol/messages';
import type { Attribution, ExplainOutcome } from '../../src/protocol/explainTypes';
import type { InputKind } from '../../src/protocol/attributionTypes';
import { drawCharts, type ChartHandlers } from './charts';
import { attributionsToCsv, attributionsToJson, chartToPngBase64, chartToSvgText } from './export';
import { drawGlobalSection, type GlobalState } from './globalSection';
import { drawImageView, refocus } from './image/view';
import { mountOutputMap } from './outputMap/view';
import {
  defaultImageState,
  imageTargetPicker,
  isImageAttribution,
  type ImageViewState,
} from './image/models/imageView';
import { classPicker } from './model';
import { isSequenceAttribution } from './sequence/models/sequenceView';
import { drawSequenceView } from './sequence/view';
import { isTextAttribution, targetOf, textClassPicker } from './text/models/textView';
import { drawTextView, type KindViewHandlers } from './text/view';
import type { SortKey } from './models/table';
import {
  afterUnfinishedRun,
  choicesFromFields,
  defaultLabelColumn,
  fieldsFromChoices,
  outcomeText,
  panelErrorText,
  partialText,
  planText,
  progressText,
  textRunChoices,
} from './panelModel';
import {
  readFields,
  readSentence,
  renderForm,
  setField,
  setInputKind as showInputKind,
  setPlan,
  setProgress,
  setRunning,
  showMessages,
  type Area,
} from './panelRender';
import { CANCELLED } from '../../src/protocol/cancel';
import { mergePartialRows } from '../../src/protocol/partialRows';

type Host = Pick<RpcEndpoint<Record<string, never>, PanelRequests, PanelNotifications>, 'request' | 'on'>;

export interface AttributionsTab {
  /** Runs with the form's choices once the tab has loaded (the Re-run command). */
  rerun(): void;
  /** Sets the form's data file and rows (an error cohort chosen in the Evaluation tab); the user runs. */
  showRows(choice: { data: string; rows: string }): void;
}

interface View {
  /** The last finished run, and what the charts show (that run's rows, or rows finished so far). */
  outcome?: ExplainOutcome;
  /** The data file of `outcome`, as the form wrote it. */
  data?: string;
  attribution?: Attribution;
  partial: boolean;
  classIndex?: number;
  row: number;
  feature?: number;
  tableSort?: SortKey;
  global: GlobalState;
  /** Image results: opacity, picture and sign choices, kept across redraws. */
  image: ImageViewState;
  /** The control to focus after the next redraw (a thumbnail chosen with the arrow keys). */
  focus?: string;
}

const message = (e: unknown) => panelErrorText(e instanceof Error ? e.message : String(e));
export function mountAttributions(container: HTMLElement, host: Host): AttributionsTab {
  const root = select(container) as unknown as Area;
  root.selectAll('*').remove();
  const formArea = root.append('div').attr('class', 'attr-controls') as unknown as Area;
  const results = root.append('div').attr('id', 'attr-results') as unknown as Area;
  const view: View = {
    row: 0,
    partial: false,
    global: { labelColumns: [], featureNames: [] },
    image: defaultImageState(),
  };
  let options: ExplainOptions | undefined;
  let running = false;
  let planSeq = 0;
  /** The input's kind as last known, and how many classes the model's output has (from the last plan). */
  let inputKind: InputKind | undefined;
  let outputClasses: number | undefined;
  const setInputKind = (kind: InputKind | undefined) => {
    inputKind = kind;
    showInputKind(kind);
  };

  /** The form's choices; with `sentence`, the text box's sentence instead of the data file. */
  const choices = (sentence?: string): ExplainChoices | undefined => {
    const r = choicesFromFields(readFields(), sentence);
    if ('error' in r) {
      showMessages([r.error], 'error');
      return undefined;
    }
    return r.choices;
  };

  /** The planner's estimate for the form's choices; only the newest answer is shown. */
  async function plan(): Promise<void> {
    const c = choicesFromFields(readFields());
    const seq = ++planSeq;
    if ('error' in c) return setPlan('');
    setPlan('Estimating...');
    try {
      const p = await host.request('explain/plan', { choices: c.choices });
      if (seq === planSeq) setPlan(planText(p));
      outputClasses = p.outputColumns.length;
      // The engine knows the input's kind for sure: the form shows that kind's fields.
      if (p.kind) setInputKind(p.kind);
    } catch (e) {
      if (seq !== planSeq || message(e) === CANCELLED) return;
      setPlan('');
      showMessages([message(e)], 'error');
    }
  }

  /** The output's class count, asking the planner when no plan has answered yet. */
  async function classCount(c: ExplainChoices): Promise<number | undefined> {
    if (outputClasses !== undefined) return outputClasses;
    try {
      return (outputClasses = (await host.request('explain/plan', { choices: c })).outputColumns.length);
    } catch {
      return undefined;
    }
  }

  async function run(sentence?: string): Promise<void> {
    const typed = choices(sentence);
    if (!typed || running) return;
    running = true;
    const c = inputKind === 'text' ? textRunChoices(typed, inputKind, await classCount(typed)) : typed;
    setRunning(true);
    setProgress(0, 'starting...');
    showMessages([], 'hint');
    try {
      // A typed-in text is its own data: importance and PDPs of the data file do not carry over to it.
      show(await host.request('explain/run', { choices: c }), c.sentence !== undefined ? '' : c.data);
      if (view.outcome?.plan.notes.length) showMessages(view.outcome.plan.notes, 'notes');
    } catch (e) {
      const after = afterUnfinishedRun(
        view.outcome?.attribution,
        view.partial ? view.attribution : undefined,
        message(e),
      );
      view.attribution = after.attribution;
      view.partial = after.partial;
      scheduleDraw();
      showMessages([after.message], 'error');
    } finally {
      running = false;
      setRunning(false);
    }
  }

  function show(outcome: ExplainOutcome, data: string | undefined): void {
    const sameData = view.data === data;
    view.outcome = outcome;
    view.data = data;
    view.attribution = outcome.attribution;
    view.partial = false;
    view.row = Math.min(view.row, Math.max(0, outcome.attribution.rows.length - 1));
    if (outcome.attribution.kind) setInputKind(outcome.attribution.kind);
    const g = view.global;
    g.labelColumns = outcome.otherColumns;
    g.featureNames = outcome.attribution.feature_names;
    if (!g.label || !g.labelColumns.includes(g.label))
      g.label = defaultLabelColumn(g.labelColumns, options?.labelColumn);
    if (!sameData) {
      // Importance and PDPs belong to the data they were computed on.
      g.importance = undefined;
      g.pdp = undefined;
    }
    scheduleDraw();
  }

  host.on('explain/progress', (p) => {
    if (running) setProgress(p.total ? p.done / p.total : 0, progressText(p.done, p.total, p.etaSeconds));
  });
  /** The running job's rows so far, merged from the host's deltas (started afresh by each run's first delta). */
  let partialRows: Attribution | undefined;
  host.on('explain/partial', ({ delta }) => {
    // Every delta is merged (each builds on the last); only a running tab shows them.
    const attribution = (partialRows = mergePartialRows(partialRows, delta));
    if (!running || attribution.rows.length === 0) return;
    view.attribution = attribution;
    view.partial = true;
    view.row = Math.min(view.row, attribution.rows.length - 1);
    scheduleDraw();
  });

  // Partial results can arrive faster than frames: draw at most once per frame.
  let drawPending = false;
  function scheduleDraw(): void {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => {
      drawPending = false;
      draw();
    });
  }

  const chartHandlers: ChartHandlers = {
    selectRow: (row) => {
      view.row = row;
      scheduleDraw();
    },
    selectFeature: (f) => {
      view.feature = f;
      // The PDP offers the feature last chosen in any chart.
      view.global.pdpFeature = view.attribution?.feature_names[f] ?? view.global.pdpFeature;
      scheduleDraw();
    },
    sortTable: (key) => (view.tableSort = key),
    exportSvg: (svg, id) => save(`${baseName()}-${id}.svg`, 'svg', { text: chartToSvgText(svg) }),
    exportPng: (svg, id) =>
      void chartToPngBase64(svg)
        .then((base64) => save(`${baseName()}-${id}.png`, 'png', { base64 }))
        .catch((e) => showMessages([message(e)], 'error')),
  };

  function draw(): void {
    const focus = view.focus ?? (document.activeElement as HTMLElement | null)?.id;
    view.focus = undefined;
    results.selectAll('*').remove();
    const attr = view.attribution;
    if (!attr || attr.rows.length === 0) return;
    const image = isImageAttribution(attr);
    const text = isTextAttribution(attr);
    const sequence = isSequenceAttribution(attr);
    // Images and sequences explain chosen targets per row: the choice is among the selected row's. Texts
    // show every row toward one class: the choice is a class index.
    const picker = text
      ? textClassPicker(attr, view.classIndex)
      : image || sequence
        ? imageTargetPicker(attr, view.row, view.classIndex)
        : classPicker(attr, view.classIndex);
    const classIndex = picker.selected;
    const width = Math.max(420, Math.min(900, (container.clientWidth || 800) - 24));
    const bar = results.append('div').attr('class', 'attr-bar');
    bar
      .append('span')
      .attr('id', 'attr-summary')
      .attr('class', view.partial ? 'hint partial' : 'hint')
      .text(view.partial ? partialText(attr) : outcomeText(attr, view.outcome?.dataRows, view.outcome?.background));
    if (picker.visible) {
      const field = bar.append('label').attr('class', 'attr-inline');
      field.append('span').text('Class');
      const sel = field.append('select').attr('id', 'attr-class');
      sel
        .selectAll('option')
        .data(picker.options)
        .join('option')
        .attr('value', (d) => d.index)
        .text((d) => d.label);
      sel.property('value', String(classIndex)).on('change', function () {
        view.classIndex = Number((this as HTMLSelectElement).value);
        scheduleDraw();
      });
    }
    const exports: [string, string, () => void][] = [
      [
        'attr-export-csv',
        'Export CSV',
        () => save(`${baseName()}-attributions.csv`, 'csv', { text: attributionsToCsv(attr) }),
      ],
      [
        'attr-export-json',
        'Export JSON',
        () => save(`${baseName()}-attributions.json`, 'json', { text: attributionsToJson(attr) }),
      ],
      ['attr-export-report', 'Export HTML report', () => void report()],
    ];
    // An image's segments (a text's words, a sequence's windows) are not columns a CSV of features would
    // describe: JSON (and .npy) carry them.
    for (const [id, label, act] of image || text || sequence ? exports.slice(1) : exports)
      bar.append('button').attr('id', id).attr('type', 'button').text(label).on('click', act);
    if (image) {
      drawImageView(
        results,
        {
          attr,
          images: view.outcome?.images,
          row: view.row,
          target: classIndex,
          state: view.image,
          width,
        },
        imageHandlers,
      );
      refocus(focus);
      return;
    }
    if (text || sequence) {
      const input = { attr, row: view.row, target: classIndex, width };
      if (text)
        drawTextView(
          results,
          { ...input, target: targetOf(attr, view.row, classIndex) ?? 0, classIndex },
          kindHandlers('text-row'),
        );
      else drawSequenceView(results, input, kindHandlers('seq-row'));
      refocus(focus);
      return;
    }
    drawCharts(
      results,
      attr,
      { classIndex, row: view.row, feature: view.feature, tableSort: view.tableSort },
      width,
      chartHandlers,
    );
    if (!view.partial) drawGlobal(classIndex, width);
  }

  const imageHandlers = {
    selectRow: (row: number) => {
      view.row = row;
      view.focus = `img-thumb-${row}`;
      scheduleDraw();
    },
    selectTarget: (target: number) => {
      view.classIndex = target;
      view.focus = `img-target-${target}`;
      scheduleDraw();
    },
    zoom: () => {
      view.focus = 'img-zoom';
      scheduleDraw();
    },
    exportSvg: chartHandlers.exportSvg,
    exportPng: chartHandlers.exportPng,
    saveFile: (defaultName: string, format: 'png' | 'npy', base64: string) => save(defaultName, format, { base64 }),
    error: (text: string) => showMessages([text], 'error'),
  };

  /** Texts and sequences: choosing a row keeps the focus on its button; charts export as the tabular ones do. */
  function kindHandlers(rowButton: string): KindViewHandlers {
    return {
      selectRow: (row) => {
        // Another sequence's targets differ: its own top target is shown first (a text keeps its class).
        if (row !== view.row && rowButton !== 'text-row') view.classIndex = undefined;
        view.row = row;
        view.focus = `${rowButton}-${row}`;
        scheduleDraw();
      },
      exportSvg: chartHandlers.exportSvg,
      exportPng: chartHandlers.exportPng,
    };
  }

  function drawGlobal(classIndex: number, width: number): void {
    const g = view.global;
    const during = async (kind: 'importance' | 'pdp', work: (c: ExplainChoices) => Promise<void>) => {
      const c = choices();
      if (!c || g.busy) return;
      g.busy = kind;
      scheduleDraw();
      try {
        await work(c);
      } catch (e) {
        showMessages([message(e)], 'error');
      } finally {
        g.busy = undefined;
        scheduleDraw();
      }
    };
    drawGlobalSection(results, g, classIndex, width, {
      ...chartHandlers,
      chooseLabel: (label) => (g.label = label),
      choosePdpFeature: (feature) => (g.pdpFeature = feature),
      runImportance: () =>
        void during('importance', async (c) => {
          if (!g.label) return;
          g.importance = await host.request('explain/importance', { choices: c, label: g.label });
        }),
      runPdp: () =>
        void during('pdp', async (c) => {
          const feature = g.pdpFeature ?? g.featureNames[0];
          if (feature) g.pdp = await host.request('explain/pdp', { choices: c, feature });
        }),
    });
  }

  function baseName(): string {
    return (view.outcome?.plan.output ?? 'attributions').replace(/[^\w.-]+/g, '_');
  }

  function save(
    defaultName: string,
    format: 'csv' | 'json' | 'svg' | 'png' | 'npy',
    body: { text?: string; base64?: string },
  ): void {
    host
      .request('panel/saveFile', { defaultName, format, ...body })
      .then((r) => r.saved && showMessages([`Saved ${r.path}.`], 'hint'))
      .catch((e) => showMessages([message(e)], 'error'));
  }

  async function report(): Promise<void> {
    try {
      const r = await host.request('explain/report', {});
      if (r.saved) showMessages([`Report saved to ${r.path}.`], 'hint');
    } catch (e) {
      showMessages([message(e)], 'error');
    }
  }

  async function pick(purpose: 'data' | 'background'): Promise<void> {
    try {
      const r = await host.request('explain/pickFile', { purpose });
      if (!r.path) return;
      setField(purpose === 'data' ? 'attr-data' : 'attr-background', r.path);
      void plan();
    } catch (e) {
      showMessages([message(e)], 'error');
    }
  }

  const command = (name: 'openSidecar' | 'revealModel') => {
    const c = choicesFromFields(readFields());
    host
      .request('panel/command', { command: name, choices: 'choices' in c ? c.choices : undefined })
      .catch((e) => showMessages([message(e)], 'error'));
  };

  const ready = (async () => {
    try {
      options = await host.request('explain/options', {});
    } catch (e) {
      showMessages([message(e)], 'error');
      return false;
    }
    renderForm(formArea, fieldsFromChoices(options.choices), options.dataFiles, options.outputs, {
      pickData: () => void pick('data'),
      pickBackground: () => void pick('background'),
      changed: () => void plan(),
      run: () => void run(),
      explainSentence: () => void run(readSentence()),
      cancel: () => void host.request('explain/cancel', {}),
      openSidecar: () => command('openSidecar'),
      revealModel: () => command('revealModel'),
    });
    mountOutputMap(formArea, {
      outputMap: (c) => host.request('explain/outputMap', { choices: c }),
      choices: () => choices(),
      field: (id) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? '',
      setField,
      changed: () => void plan(),
      error: (text) => showMessages([panelErrorText(text)], 'error'),
    });
    setInputKind(options.inputKind);
    if (options.sidecar.problems.length) showMessages(options.sidecar.problems, 'error');
    if (options.cached) show(options.cached, options.choices.data);
    void plan();
    return true;
  })();

  // Charts take their colours from the theme: draw again when it changes.
  new MutationObserver(() => view.attribution && scheduleDraw()).observe(document.body, {
    attributes: true,
    attributeFilter: ['class'],
  });

  return {
    rerun: () => void ready.then((ok) => (ok ? run() : undefined)),
    showRows: ({ data, rows }) =>
      void ready.then((ok) => {
        if (!ok) return;
        setField('attr-data', data);
        setField('attr-rows', rows);
        showMessages(
          [`Rows ${rows.length > 80 ? `${rows.slice(0, 80)}…` : rows} from the Evaluation tab: Run to explain them.`],
          'hint',
        );
        void plan();
      }),
  };
}
