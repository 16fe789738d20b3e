/** Wiring of the Explain Model panel: messages in, view model, renderer. */
import { select } from 'd3';
import type { PanelNotifications, PanelPersistedState, PanelRequests } from '../../src/protocol/messages';
import { connectToHost } from '../common/rpc';
import { registerToolkit } from '../common/toolkit';
import { vscodeApi } from '../common/vscodeApi';
import { modelView, runView } from './model';
import { renderModel, renderRunResult, renderRunning } from './render';

registerToolkit();
const host = connectToHost<PanelRequests, PanelNotifications>();
const root = select<HTMLElement, unknown>(document.getElementById('app') as HTMLElement);

async function runOnce(): Promise<void> {
  renderRunning();
  try {
    renderRunResult(runView(await host.request('panel/runOnce', {})));
  } catch (e) {
    renderRunResult({ error: e instanceof Error ? e.message : String(e) });
  }
}

host.on('panel/state', (state) => {
  vscodeApi<PanelPersistedState>().setState({ uri: state.uri });
  renderModel(root, modelView(state), () => void runOnce());
});

void host.request('panel/ready', {});
