/** Wiring of the comparison panel: state from the host, the view model, the renderer, requests back. */
import { select } from 'd3';
import type {
  CompareViewState,
  ComparePanelNotifications,
  ComparePanelRequests,
} from '../../src/protocol/compareTypes';
import { connectToHost } from '../common/rpc';
import { vscodeApi } from '../common/vscodeApi';
import { compareView } from './model';
import { renderCompare, renderError, renderLoading } from './render';

interface SavedForm {
  data: string;
  label: string;
  /** The models, so VS Code can restore the panel after a reload. */
  uriA?: string;
  uriB?: string;
}

const host = connectToHost<ComparePanelRequests, ComparePanelNotifications>();
const root = select<HTMLElement, unknown>(document.getElementById('app') as HTMLElement);
let state: CompareViewState | undefined;
let status = '';
const form = (): SavedForm => vscodeApi<SavedForm>().getState() ?? { data: '', label: '' };

function draw(): void {
  if (!state) return;
  if (state.status === 'loading' || !state.result) {
    if (state.status === 'error') renderError(root, state.a, state.b, state.message ?? 'The comparison failed.');
    else renderLoading(root, state.a, state.b);
    return;
  }
  renderCompare(root, compareView(state.result), { ...form(), dataFiles: state.dataFiles, status }, handlers);
}

const handlers = {
  pickData: () =>
    void host.request('compare/pickData', {}).then(({ path }) => {
      if (!path) return;
      vscodeApi<SavedForm>().setState({ ...form(), data: path });
      draw();
    }),
  run: (data: string, label: string) => {
    vscodeApi<SavedForm>().setState({ ...form(), data, label });
    if (!data) {
      status = 'Choose a data file first.';
      draw();
      return;
    }
    status = `Running both models on ${data}...`;
    draw();
    host.request('compare/run', { data, ...(label ? { label } : {}) }).then(
      () => {
        status = '';
        draw();
      },
      (e: unknown) => {
        status = e instanceof Error ? e.message : String(e);
        draw();
      },
    );
  },
  exportAs: (format: 'json' | 'html') =>
    void host.request('compare/export', { format }).then(
      (r) => {
        status = r.saved ? `Saved ${r.path ?? ''}` : '';
        draw();
      },
      (e: unknown) => {
        status = e instanceof Error ? e.message : String(e);
        draw();
      },
    ),
};

host.on('compare/state', (s) => {
  state = s;
  vscodeApi<SavedForm>().setState({ ...form(), uriA: s.uriA, uriB: s.uriB });
  draw();
});

void host.request('compare/ready', {});
