/**
 * Builds what the graph view draws: the model graph folded by name scope (and by If/Loop/Scan
 * bodies, which are scopes too), laid out top to bottom. Runs in the engine worker.
 */
import type { GraphView, GraphViewEdge, GraphViewFrame, GraphViewNode, NodeCategory } from '../../protocol/graphTypes';
import { buildScopeTree, foldGraph, initialExpansion, type ScopeTree } from './fold';
import { layoutGraph } from './layout';
import type { CancelToken, GraphLayout } from './types';

export interface SourceNode {
  id: string;
  /** Op type for operators; tensor name for graph inputs and outputs. */
  label: string;
  detail: string;
  name: string;
  category: NodeCategory;
  /** Enclosing scopes, outermost first; a subgraph's nodes sit in a scope named after their If/Loop node. */
  scope: string[];
}

export interface SourceEdge {
  source: string;
  target: string;
  tensor: string;
  shape: string;
}

export interface GraphSource {
  nodes: SourceNode[];
  edges: SourceEdge[];
  /** Groups that stand for a control-flow node's subgraphs: group id -> the node's label and detail. */
  controlGroups: Map<string, { label: string; detail: string }>;
  warnings: string[];
}

const CHAR_WIDTH = 7;
const FRAME_PADDING = 14;
const FRAME_TITLE = 18;

function nodeSize(label: string, detail: string): { width: number; height: number } {
  const chars = Math.max(label.length, detail.length);
  return { width: Math.min(280, Math.max(84, chars * CHAR_WIDTH + 28)), height: detail ? 44 : 30 };
}

export class GraphViewBuilder {
  readonly tree: ScopeTree;
  private readonly nodeById: Map<string, SourceNode>;

  constructor(private readonly source: GraphSource) {
    this.tree = buildScopeTree(source.nodes, { groupIdPrefix: '§' });
    this.nodeById = new Map(source.nodes.map((n) => [n.id, n]));
  }

  /** The groups to open first so a large model first shows a few dozen blocks. */
  initialExpanded(maxVisible = 60): string[] {
    return [...initialExpansion(this.tree, maxVisible)];
  }

  /** The group ids (outermost first) that must be open for a node to show. */
  ancestors(nodeId: string): string[] {
    const out: string[] = [];
    const i = this.tree.nodeIndex.get(nodeId);
    if (i === undefined) return out;
    for (let g = this.tree.nodeGroup[i]; g > 0; g = this.tree.groups[g].parent) out.unshift(this.tree.groups[g].id);
    return out;
  }

  view(expanded: readonly string[], token?: CancelToken): GraphView {
    const folded = foldGraph(this.tree, this.source.edges, new Set(expanded));
    const nodes: GraphViewNode[] = folded.items.map((item) => {
      if (item.kind === 'node') {
        const n = this.nodeById.get(item.id) as SourceNode;
        return {
          id: n.id,
          label: n.label,
          detail: n.detail,
          name: n.name,
          category: n.category,
          ...nodeSize(n.label, n.detail),
          x: 0,
          y: 0,
          expandable: false,
          expanded: false,
          parent: item.parent,
          nodeCount: 1,
        };
      }
      const control = this.source.controlGroups.get(item.id);
      const detail = `${control ? `${control.detail} · ` : ''}${item.nodeCount} node${item.nodeCount === 1 ? '' : 's'}`;
      const label = control?.label ?? item.label;
      return {
        id: item.id,
        label,
        detail,
        name: item.label,
        category: control ? 'control' : 'group',
        ...nodeSize(label, detail),
        x: 0,
        y: 0,
        expandable: true,
        expanded: false,
        parent: item.parent,
        nodeCount: item.nodeCount,
      };
    });
    const edges = this.foldedEdges(folded.itemOfNode, folded.items);
    const layout = layoutGraph(
      { nodes, edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })) },
      {},
      token,
    );
    return this.place(nodes, edges, layout, folded.frames);
  }

  /** One visible edge per pair of items, carrying the first tensor's name and shape and a count. */
  private foldedEdges(itemOfNode: Int32Array, items: { id: string }[]): GraphViewEdge[] {
    const byPair = new Map<string, GraphViewEdge>();
    for (const e of this.source.edges) {
      const s = items[itemOfNode[this.tree.nodeIndex.get(e.source) ?? -1]]?.id;
      const t = items[itemOfNode[this.tree.nodeIndex.get(e.target) ?? -1]]?.id;
      if (s === undefined || t === undefined || s === t) continue;
      const key = `${s}\u0000${t}`;
      const seen = byPair.get(key);
      if (seen) seen.count++;
      else
        byPair.set(key, {
          id: `e${byPair.size}`,
          source: s,
          target: t,
          points: [],
          tensor: e.tensor,
          shape: e.shape,
          count: 1,
        });
    }
    return [...byPair.values()];
  }

  private place(
    nodes: GraphViewNode[],
    edges: GraphViewEdge[],
    layout: GraphLayout,
    openFrames: { id: string; label: string; depth: number; parent?: string }[],
  ): GraphView {
    const pos = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const n of nodes) {
      const p = pos.get(n.id);
      if (p) {
        n.x = p.x;
        n.y = p.y;
      }
    }
    const route = new Map(layout.edges.map((e) => [e.id, e]));
    for (const e of edges) {
      const r = route.get(e.id);
      if (!r) continue;
      e.points = r.points;
      if (r.reversed) e.reversed = true;
    }
    const frames = this.frames(nodes, openFrames);
    return {
      expanded: openFrames.map((f) => f.id),
      nodes,
      edges,
      frames,
      width: layout.width,
      height: layout.height,
      warnings: this.source.warnings,
      totalNodes: this.source.nodes.length,
    };
  }

  /** A frame around the visible members of every open group, deepest drawn last. */
  private frames(
    nodes: GraphViewNode[],
    open: { id: string; label: string; depth: number; parent?: string }[],
  ): GraphViewFrame[] {
    const parentOf = new Map(open.map((f) => [f.id, f.parent]));
    const box = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
    for (const n of nodes) {
      for (let g = n.parent; g !== undefined; g = parentOf.get(g)) {
        const b = box.get(g) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
        b.x0 = Math.min(b.x0, n.x - n.width / 2);
        b.y0 = Math.min(b.y0, n.y - n.height / 2);
        b.x1 = Math.max(b.x1, n.x + n.width / 2);
        b.y1 = Math.max(b.y1, n.y + n.height / 2);
        box.set(g, b);
      }
    }
    const maxDepth = Math.max(0, ...open.map((f) => f.depth));
    return open
      .filter((f) => box.has(f.id))
      .sort((a, b) => a.depth - b.depth)
      .map((f) => {
        const b = box.get(f.id) as { x0: number; y0: number; x1: number; y1: number };
        const pad = FRAME_PADDING + (maxDepth - f.depth) * 6;
        const control = this.source.controlGroups.get(f.id);
        return {
          id: f.id,
          label: control ? `${control.label} ${f.label}` : f.label,
          x: b.x0 - pad,
          y: b.y0 - pad - FRAME_TITLE,
          width: b.x1 - b.x0 + 2 * pad,
          height: b.y1 - b.y0 + 2 * pad + FRAME_TITLE,
          depth: f.depth,
        };
      });
  }
}
