/** Wiring of the Evaluation tab: the form, runs of evaluate and rules through the host, the charts and tables. */
import { select } from 'd3';
import type { RpcEndpoint } from '../../src/protocol/endpoint';
import type {
  ClassificationEvaluation,
  DataColumns,
  Evaluation,
  RulesResult,
} from '../../src/protocol/evaluationTypes';
import type { ExplainOptions, PanelNotifications, PanelRequests } from '../../src/protocol/messages';
import { chartToPngBase64, chartToSvgText } from '../attributions/export';
import type { Area } from '../attributions/panelRender';
import { panelErrorText, progressText } from '../attributions/panelModel';
import { cellRows, isBinary, liveScores } from './models/classification';
import { rowsText, type CohortRow } from './models/rules';
import { runBlocker } from './models/runGate';
import { drawClassification, drawRegression, drawRules, type DrawHandlers, type LiveState } from './view';
import {
  readEvalForm,
  renderEvalForm,
  setEvalField,
  setEvalProgress,
  setEvalRunning,
  setLabelOptions,
  showEvalMessages,
} from './render/form';

type Host = Pick<RpcEndpoint<Record<string, never>, PanelRequests, PanelNotifications>, 'request' | 'on'>;

export interface EvaluationTab {
  /** Draws again (a theme change, the tab shown at a new width). */
  redraw(): void;
}

/** Rows of the data file chosen in this tab for the Attributions tab (`rows` as its field reads them). */
export type ShowRows = (choice: { data: string; rows: string }) => void;

const message = (e: unknown) => panelErrorText(e instanceof Error ? e.message : String(e));

export function mountEvaluation(container: HTMLElement, host: Host, showRows: ShowRows): EvaluationTab {
  const root = select(container) as unknown as Area;
  root.selectAll('*').remove();
  const formArea = root.append('div').attr('class', 'attr-controls') as unknown as Area;
  const results = root.append('div').attr('id', 'eval-results') as unknown as Area;
  let options: ExplainOptions | undefined;
  let evaluation: Evaluation | undefined;
  let rules: RulesResult | undefined;
  /** The data file the results came from, as the form wrote it. */
  let resultsData = '';
  let running = false;
  /** What the data's model reads: pictures are labelled by class folders, not a column. */
  let kind: DataColumns['kind'];
  const live: LiveState = { threshold: null, normalised: false };

  /** The data's columns as last asked for: Evaluate waits for them (leaving the data field to click it asks again). */
  let columnsLoaded: Promise<void> = Promise.resolve();
  function loadColumns(): Promise<void> {
    return (columnsLoaded = readColumns());
  }

  async function readColumns(): Promise<void> {
    const { data } = readEvalForm();
    kind = undefined;
    if (!data) return setLabelOptions([], undefined);
    try {
      const columns = await host.request('explain/columns', { data });
      kind = columns.kind;
      if (kind === 'image') {
        setLabelOptions([], undefined, '(the class folders)');
        return showEvalMessages([`${columns.rows} pictures, each labelled by its subfolder's class.`], 'hint');
      }
      const chosen = readEvalForm().label || options?.labelColumn;
      setLabelOptions(columns.others, chosen);
      if (!columns.others.length)
        showEvalMessages([`${data} has no column besides the model's inputs to hold labels.`], 'error');
      else showEvalMessages([], 'hint');
    } catch (e) {
      setLabelOptions([], undefined);
      showEvalMessages([message(e)], 'error');
    }
  }

  async function run(): Promise<void> {
    if (running) return;
    await columnsLoaded;
    const { data, label } = readEvalForm();
    if (running) return;
    const blocked = runBlocker(data, label, kind);
    if (blocked) return showEvalMessages([blocked], 'error');
    running = true;
    setEvalRunning(true);
    setEvalProgress(0, 'starting...');
    showEvalMessages([], 'hint');
    try {
      // The slider's (or the sidecar's) threshold, unless the last result showed the model is not binary.
      const notBinary = evaluation !== undefined && !(evaluation.task === 'classification' && isBinary(evaluation));
      const threshold = notBinary ? undefined : (live.threshold ?? options?.threshold);
      let result: Evaluation;
      try {
        result = await host.request('explain/evaluate', { data, label, ...(threshold != null ? { threshold } : {}) });
      } catch (e) {
        // A remembered threshold for a model that is not binary: evaluate without it.
        if (threshold == null || !/threshold applies to binary/.test(message(e))) throw e;
        result = await host.request('explain/evaluate', { data, label });
      }
      evaluation = result;
      resultsData = data;
      live.threshold = result.task === 'classification' ? result.threshold : null;
      live.cell = undefined;
      rules = undefined;
      draw();
      // Images and texts have no features for a surrogate tree: the results say so instead.
      if (result.errors.unavailable !== undefined) return;
      setEvalProgress(0, 'rules...');
      rules = await host.request('explain/rules', { data, label });
      draw();
    } catch (e) {
      showEvalMessages([message(e)], 'error');
    } finally {
      running = false;
      setEvalRunning(false);
    }
  }

  async function pick(): Promise<void> {
    try {
      const r = await host.request('explain/pickFile', { purpose: 'data' });
      if (!r.path) return;
      setEvalField('eval-data', r.path);
      await loadColumns();
    } catch (e) {
      showEvalMessages([message(e)], 'error');
    }
  }

  const save = (
    defaultName: string,
    format: 'csv' | 'json' | 'svg' | 'png',
    body: { text?: string; base64?: string },
  ) =>
    host
      .request('panel/saveFile', { defaultName, format, ...body })
      .then((r) => r.saved && showEvalMessages([`Saved ${r.path}.`], 'hint'))
      .catch((e) => showEvalMessages([message(e)], 'error'));

  const baseName = () => (evaluation?.model ?? 'model').replace(/\.onnx$/i, '').replace(/[^\w.-]+/g, '_');

  const handlers: DrawHandlers = {
    export: (id, format, body) => {
      const name = `${baseName()}-${id}.${format}`;
      if (format === 'svg' && body.svg) void save(name, 'svg', { text: chartToSvgText(body.svg) });
      else if (format === 'png' && body.svg)
        void chartToPngBase64(body.svg)
          .then((base64) => save(name, 'png', { base64 }))
          .catch((e) => showEvalMessages([message(e)], 'error'));
      else if (body.text !== undefined) void save(name, format, { text: body.text });
    },
    thresholdInput: (t) => {
      live.threshold = t;
      live.cell = undefined;
      scheduleLive();
    },
    thresholdChange: (t) =>
      void host.request('explain/threshold', { threshold: t }).catch((e) => showEvalMessages([message(e)], 'error')),
    toggleNormalised: (on) => {
      live.normalised = on;
      scheduleLive();
    },
    selectCell: (t, p) => {
      live.cell = { t, p };
      scheduleLive();
    },
    explainCell: () => {
      const e = evaluation;
      if (!e || e.task !== 'classification' || !live.cell) return;
      const rows = cellRows(e.labels, liveScores(e, live.threshold).predicted, live.cell.t, live.cell.p);
      if (rows.length) showRows({ data: resultsData, rows: rowsText(rows) });
    },
    selectCohort: (c: CohortRow) => showRows({ data: resultsData, rows: rowsText(c.rows) }),
  };

  // Threshold drags come faster than frames: the live parts are drawn at most once per frame.
  let livePending = false;
  function scheduleLive(): void {
    if (livePending) return;
    livePending = true;
    requestAnimationFrame(() => {
      livePending = false;
      if (evaluation?.task === 'classification') drawLive(evaluation);
    });
  }
  let drawLive: (e: ClassificationEvaluation) => void = () => undefined;

  function draw(): void {
    results.selectAll('*').remove();
    if (!evaluation) return;
    const width = Math.max(420, Math.min(960, (container.clientWidth || 800) - 24));
    if (evaluation.task === 'classification') drawLive = drawClassification(results, evaluation, live, width, handlers);
    else drawRegression(results, evaluation, width, handlers);
    if (evaluation.errors.unavailable === undefined) drawRules(results, rules, running, width, handlers);
  }

  host.on('evaluate/progress', (p) => {
    if (running) setEvalProgress(p.total ? p.done / p.total : 0, progressText(p.done, p.total));
  });

  void (async () => {
    try {
      options = await host.request('explain/options', {});
    } catch (e) {
      showEvalMessages([message(e)], 'error');
      return;
    }
    renderEvalForm(formArea, options.choices.data ?? '', {
      pickData: () => void pick(),
      dataChanged: () => void loadColumns(),
      labelChanged: () => undefined,
      run: () => void run(),
      cancel: () => void host.request('explain/cancel', {}),
    });
    live.threshold = options.threshold ?? null;
    await loadColumns();
  })();

  // Charts take their colours from the theme: draw again when it changes.
  new MutationObserver(() => evaluation && draw()).observe(document.body, {
    attributes: true,
    attributeFilter: ['class'],
  });

  return { redraw: () => evaluation && draw() };
}
