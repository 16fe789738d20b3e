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
import { mountGraph, type GraphTab } from '../graph/main';
import type { ProfileResult } from '../../src/protocol/profileTypes';
import { DEFAULT_FIELDS, performanceView, profileChoices, type PerformanceFields } from './performanceModel';
import { readPerformanceFields, renderPerformance, renderPerformanceForm } from './performanceRender';
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
  profileFields?: PerformanceFields;
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
let graph: GraphTab | undefined;
let lastProfile: ProfileResult | undefined;
/** Profile Model asked before the model was ready: it runs once the section is there. */
let profilePending = false;
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
  if (tab === 'graph' && !graph) {
    graph = mountGraph(graphEl.node() as HTMLElement, host);
    if (lastProfile) graph.setProfile(lastProfile);
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
  if (state.status === 'ready') showPerformance();
  if (state.status !== 'loading') void showSummary();
});

function performanceArea() {
  return select<HTMLElement, unknown>(document.getElementById('performance') as HTMLElement);
}

/** The Performance section sits between Run once and the structure; a profile already made is shown again. */
function showPerformance(): void {
  const summary = document.getElementById('summary');
  if (!summary || document.getElementById('performance')) return;
  const section = document.createElement('section');
  section.id = 'performance';
  summary.before(section);
  renderPerformanceForm(performanceArea(), saved().profileFields ?? DEFAULT_FIELDS, () => void runProfile());
  if (lastProfile) renderPerformance(performanceArea(), performanceView(lastProfile));
  if (profilePending) {
    profilePending = false;
    void runProfile();
  }
}

async function runProfile(): Promise<void> {
  const area = performanceArea();
  if (area.empty()) {
    profilePending = true;
    return;
  }
  const fields = readPerformanceFields(area);
  vscodeApi<SavedState>().setState({ ...saved(), profileFields: fields });
  let choices;
  try {
    choices = profileChoices(fields, runChoices(readRunFields()).dimSizes);
  } catch (e) {
    renderPerformance(area, { error: e instanceof Error ? e.message : String(e) });
    return;
  }
  renderPerformance(area, { busy: 'Profiling...' });
  try {
    lastProfile = await host.request('profile/run', choices);
    renderPerformance(area, performanceView(lastProfile));
    graph?.setProfile(lastProfile);
  } catch (e) {
    renderPerformance(area, { error: e instanceof Error ? e.message : String(e) });
  }
}

// Profile Model (the command): profile with the section's fields, on the Overview.
host.on('profile/start', () => {
  showTab('overview');
  void runProfile();
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
