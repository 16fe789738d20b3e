/** The graph of one model, opened in the engine worker for a view; the newest layout request wins. */
import * as vscode from 'vscode';
import type { WorkerClient } from '../workerClient';
import type { GraphIndexEntry, GraphView, NodeDetails } from '../../protocol/graphTypes';

interface Opened {
  graphId: string;
  initialExpanded: string[];
  index: GraphIndexEntry[];
  generation: number;
}

export class GraphSession {
  private opened: Promise<Opened> | undefined;
  private pendingView: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly engine: WorkerClient,
    private readonly uri: vscode.Uri,
  ) {}

  async index(): Promise<GraphIndexEntry[]> {
    return (await this.open()).index;
  }

  async view(expanded: string[], initial: boolean): Promise<GraphView> {
    this.pendingView?.cancel();
    const cts = (this.pendingView = new vscode.CancellationTokenSource());
    try {
      const g = await this.open();
      return await this.engine
        .rpc()
        .request(
          'graph/view',
          { graphId: g.graphId, expanded: initial ? g.initialExpanded : expanded },
          { token: cts.token },
        );
    } finally {
      if (this.pendingView === cts) this.pendingView = undefined;
      cts.dispose();
    }
  }

  async node(id: string): Promise<NodeDetails> {
    const g = await this.open();
    return this.engine.rpc().request('graph/node', { graphId: g.graphId, id });
  }

  dispose(): void {
    this.pendingView?.cancel();
    const opened = this.opened;
    this.opened = undefined;
    void opened
      ?.then((g) => {
        if (g.generation === this.engine.currentGeneration && this.engine.isRunning) {
          return this.engine.rpc().request('graph/close', { graphId: g.graphId });
        }
      })
      .catch(() => undefined);
  }

  /** Opens (again, if the worker was replaced) the graph in the worker. */
  private open(): Promise<Opened> {
    const current = this.opened;
    if (current) {
      return current.then((g) =>
        g.generation === this.engine.currentGeneration && this.engine.isRunning ? g : this.reopen(),
      );
    }
    return this.reopen();
  }

  private reopen(): Promise<Opened> {
    const generation = this.engine.currentGeneration + (this.engine.isRunning ? 0 : 1);
    const p = this.engine
      .rpc()
      .request('graph/open', { path: this.uri.fsPath })
      .then((r) => ({ ...r, generation }));
    this.opened = p;
    p.catch(() => {
      if (this.opened === p) this.opened = undefined;
    });
    return p;
  }
}
