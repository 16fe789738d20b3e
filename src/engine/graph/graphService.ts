/** Graphs opened in the engine worker: read once, then folded and laid out per request. */
import type { GraphIndexEntry, GraphView, NodeDetails } from '../../protocol/graphTypes';
import { GraphViewBuilder, type GraphSource } from './graphView';
import type { CancelToken } from './types';

export interface ModelGraphSource {
  source: GraphSource;
  index: GraphIndexEntry[];
  details(id: string): NodeDetails;
}

export type GraphLoader = (modelPath: string) => Promise<ModelGraphSource>;

interface OpenGraph {
  model: ModelGraphSource;
  builder: GraphViewBuilder;
}

export class GraphService {
  private readonly graphs = new Map<string, OpenGraph>();
  private nextId = 1;

  constructor(private readonly load: GraphLoader) {}

  async open(modelPath: string): Promise<{ graphId: string; initialExpanded: string[]; index: GraphIndexEntry[] }> {
    const model = await this.load(modelPath);
    const builder = new GraphViewBuilder(model.source);
    const graphId = `g${this.nextId++}`;
    this.graphs.set(graphId, { model, builder });
    const index = model.index.map((e) => ({ ...e, ancestors: builder.ancestors(e.id) }));
    return { graphId, initialExpanded: builder.initialExpanded(), index };
  }

  view(graphId: string, expanded: readonly string[], token?: CancelToken): GraphView {
    return this.get(graphId).builder.view(expanded, token);
  }

  details(graphId: string, nodeId: string): NodeDetails {
    return this.get(graphId).model.details(nodeId);
  }

  close(graphId: string): void {
    this.graphs.delete(graphId);
  }

  private get(graphId: string): OpenGraph {
    const g = this.graphs.get(graphId);
    if (!g) throw new Error(`No open graph with id '${graphId}'.`);
    return g;
  }
}
