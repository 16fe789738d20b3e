/** Wiring of the Explain Model panel: messages in, view model, renderer. */
import { select } from 'd3';
import type {
  PanelNotifications,
  PanelPersistedState,
  PanelRequests,
  PanelTab,
  RunOnceChoices,
} from '../../src/protocol/messages';
import { connectToHost } from '../common/rpc';
import { mountAttributions, type AttributionsTab } from '../attributions/main';
import { mountGraph } from '../graph/main';
import { mountEvaluation, type EvaluationTab } from '../evaluation/main';
import { registerToolkit } from '../common/toolkit';
import { vscodeApi } from '../common/vscodeApi';
import { modelView, runChoices, runView } from './model';
import { readRunFields, renderModel, renderRunResult, renderRunning } from './render';
import { summaryView } from './summaryModel';
import { renderSummary } from './summaryRender';

interface SavedState extends PanelPersistedState {
  choices?: RunOnceChoices;
  /** The tab last shown, so a reloaded panel comes back on it. */
  tab?: PanelTab;
}

registerToolkit();
const host = connectToHost<PanelRequests, PanelNotifications>();
const app = document.getElementById('app') as HTMLElement;
const tabs = select(app).append('div').attr('class', 'tabs').attr('role', 'tablist');
const overviewEl = select(app).append('div').attr('id', 'tab-overview').attr('role', 'tabpanel');
const graphEl = select(app).append('div').attr('id', 'tab-graph').attr('role', 'tabpanel').classed('hidden', true);
const attributionsEl = select(app)
  .append('div')
  .attr('id', 'tab-attributions')
  .attr('role', 'tabpanel')
  .classed('hidden', true);
const evaluationEl = select(app)
  .append('div')
  .attr('id', 'tab-evaluation')
  .attr('role', 'tabpanel')
  .classed('hidden', true);
const root = select<HTMLElement, unknown>(overviewEl.node() as HTMLElement);
let graphMounted = false;
let attributions: AttributionsTab | undefined;
let evaluation: EvaluationTab | undefined;
let tabChosen = false;

function showTab(tab: PanelTab): void {
  tabChosen = true;
  tabs.selectAll<HTMLButtonElement, PanelTab>('button').attr('aria-selected', (d) => String(d === tab));
  overviewEl.classed('hidden', tab !== 'overview');
  graphEl.classed('hidden', tab !== 'graph');
  attributionsEl.classed('hidden', tab !== 'attributions');
  evaluationEl.classed('hidden', tab !== 'evaluation');
  if (tab === 'graph' && !graphMounted) {
    graphMounted = true;
    mountGraph(graphEl.node() as HTMLElement, host);
  }
  if (tab === 'attributions' && !attributions) {
    attributions = mountAttributions(attributionsEl.node() as HTMLElement, host);
  }
  if (tab === 'evaluation' && !evaluation) {
    // A cohort or a confusion cell chosen there becomes the Attributions tab's rows.
    evaluation = mountEvaluation(evaluationEl.node() as HTMLElement, host, (choice) => {
      showTab('attributions');
      attributions?.showRows(choice);
    });
  }
  vscodeApi<SavedState>().setState({ ...saved(), tab });
}

tabs
  .selectAll('button')
  .data<PanelTab>(['overview', 'graph', 'attributions', 'evaluation'])
  .join('button')
  .attr('role', 'tab')
  .attr('id', (d) => `tab-button-${d}`)
  .text((d) => ({ overview: 'Overview', graph: 'Graph', attributions: 'Attributions', evaluation: 'Evaluation' })[d])
  .on('click', (_e, d) => showTab(d));

const saved = () => vscodeApi<SavedState>().getState() ?? { uri: '' };

async function runOnce(): Promise<void> {
  const choices = runChoices(readRunFields());
  vscodeApi<SavedState>().setState({ ...saved(), choices });
  renderRunning();
  try {
    renderRunResult(runView(await host.request('panel/runOnce', choices)));
  } catch (e) {
    renderRunResult({ error: e instanceof Error ? e.message : String(e) });
  }
}

host.on('panel/state', (state) => {
  const previous = saved();
  const same = previous.uri === state.uri;
  if (!tabChosen) showTab((same ? previous.tab : undefined) ?? state.tab ?? 'overview');
  const choices = same ? previous.choices : undefined;
  vscodeApi<SavedState>().setState({ uri: state.uri, choices, tab: saved().tab });
  renderModel(root, modelView(state, choices), () => void runOnce());
  if (state.status !== 'loading') void showSummary();
});

/** The structure comes from Model Lens's own reader, so it shows even when onnxruntime refuses a model. */
async function showSummary(): Promise<void> {
  const el = document.getElementById('summary');
  if (!el) return;
  const area = select<HTMLElement, unknown>(el);
  try {
    // FLOPs for the sizes in the free-dimension fields (symbols as 1 would give a meaningless count).
    const { dimSizes } = runChoices(readRunFields());
    renderSummary(area, summaryView(await host.request('panel/summary', { dimSizes })));
  } catch (e) {
    renderSummary(area, { error: e instanceof Error ? e.message : String(e) });
  }
}

// A free-dimension size changed: count the FLOPs again for it.
root.on('change', (event: Event) => {
  if ((event.target as HTMLElement | null)?.closest('#run-fields')) void showSummary();
});

// Re-run (the command): show the Attributions tab and run with its form's choices.
host.on('explain/rerun', () => {
  showTab('attributions');
  attributions?.rerun();
});

void host.request('panel/ready', {});
