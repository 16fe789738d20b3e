/** Graphs opened in the engine worker: read once, then folded and laid out per request. */
import type { GraphIndexEntry, GraphView, NodeDetails } from '../../protocol/graphTypes';
import { GraphViewBuilder, type GraphSource } from './graphView';
import type { CancelToken } from './types';
import { OpenHandles } from '../openHandles';

export interface ModelGraphSource {
  source: GraphSource;
  index: GraphIndexEntry[];
  details(id: string): NodeDetails;
}

export type GraphLoader = (modelPath: string) => Promise<ModelGraphSource>;

export class GraphService {
  private readonly graphs = new OpenHandles<{ model: ModelGraphSource; builder: GraphViewBuilder }>('g', 'graph');

  constructor(private readonly load: GraphLoader) {}

  async open(modelPath: string): Promise<{ graphId: string; initialExpanded: string[]; index: GraphIndexEntry[] }> {
    const model = await this.load(modelPath);
    const builder = new GraphViewBuilder(model.source);
    const graphId = this.graphs.add({ model, builder });
    const index = model.index.map((e) => ({ ...e, ancestors: builder.ancestors(e.id) }));
    return { graphId, initialExpanded: builder.initialExpanded(), index };
  }

  view(graphId: string, expanded: readonly string[], token?: CancelToken): GraphView {
    return this.graphs.get(graphId).builder.view(expanded, token);
  }

  details(graphId: string, nodeId: string): NodeDetails {
    return this.graphs.get(graphId).model.details(nodeId);
  }

  close(graphId: string): void {
    this.graphs.delete(graphId);
  }
}
