/** Hierarchy folding: collapsed scope groups become single blocks, edges between blocks are merged. */
import type { ScopeTree } from './scopeTree';

export * from './scopeTree';

export interface FoldedItem {
  /** A node's own id, or a group's id. */
  id: string;
  kind: 'node' | 'group';
  /** Index into the input nodes (kind 'node') or into tree.groups (kind 'group'). */
  index: number;
  /** Group label for a block; the node id for a node (the caller knows better labels). */
  label: string;
  /** Original nodes this item stands for: 1 for a node. */
  nodeCount: number;
  /** Id of the innermost expanded group around the item; absent at the top level. */
  parent?: string;
}

export interface FoldedEdge {
  source: string;
  target: string;
  /** How many original edges this edge stands for. */
  count: number;
}

/** An expanded group whose members are visible, for drawing a frame around them. */
export interface ExpandedFrame {
  id: string;
  label: string;
  depth: number;
  parent?: string;
}

export interface FoldedGraph {
  items: FoldedItem[];
  edges: FoldedEdge[];
  frames: ExpandedFrame[];
  /** Visible item index of every original node. */
  itemOfNode: Int32Array;
}

export interface EdgeEnds {
  source: string;
  target: string;
}

/**
 * The visible graph for a set of expanded group ids: the nodes of expanded groups whose ancestors are
 * all expanded are shown; every other group is one block. Edges inside a block disappear; a node's
 * own self-loop stays.
 */
export function foldGraph(tree: ScopeTree, edges: readonly EdgeEnds[], expanded: ReadonlySet<string>): FoldedGraph {
  const { groups } = tree;
  // The outermost collapsed group at or above each group, or -1 when the group is open.
  const hiddenBy = new Int32Array(groups.length).fill(-1);
  const groupItem = new Int32Array(groups.length).fill(-1);
  const items: FoldedItem[] = [];
  const frames: ExpandedFrame[] = [];
  const openParent = (g: number): string | undefined =>
    groups[g].parent > 0 ? groups[groups[g].parent].id : undefined;
  for (let g = 1; g < groups.length; g++) {
    const parentHidden = hiddenBy[groups[g].parent];
    if (parentHidden >= 0) hiddenBy[g] = parentHidden;
    else if (!expanded.has(groups[g].id)) {
      hiddenBy[g] = g;
      groupItem[g] = items.length;
      items.push({
        id: groups[g].id,
        kind: 'group',
        index: g,
        label: groups[g].label,
        nodeCount: groups[g].nodeCount,
        parent: openParent(g),
      });
    } else frames.push({ id: groups[g].id, label: groups[g].label, depth: groups[g].depth, parent: openParent(g) });
  }
  const itemOfNode = new Int32Array(tree.nodeIds.length);
  for (let i = 0; i < tree.nodeIds.length; i++) {
    const g = tree.nodeGroup[i];
    if (hiddenBy[g] >= 0) {
      itemOfNode[i] = groupItem[hiddenBy[g]];
      continue;
    }
    itemOfNode[i] = items.length;
    const parent = g > 0 ? groups[g].id : undefined;
    items.push({ id: tree.nodeIds[i], kind: 'node', index: i, label: tree.nodeIds[i], nodeCount: 1, parent });
  }
  return { items, edges: projectEdges(tree, edges, items, itemOfNode), frames, itemOfNode };
}

/** Maps each original edge to its visible ends, merging duplicates and dropping edges inside a block. */
function projectEdges(
  tree: ScopeTree,
  edges: readonly EdgeEnds[],
  items: FoldedItem[],
  itemOfNode: Int32Array,
): FoldedEdge[] {
  const merged = new Map<number, FoldedEdge>();
  for (const edge of edges) {
    const s = tree.nodeIndex.get(edge.source);
    const t = tree.nodeIndex.get(edge.target);
    if (s === undefined || t === undefined)
      throw new Error(`foldGraph: edge ${edge.source} -> ${edge.target} names an unknown node`);
    const a = itemOfNode[s];
    const b = itemOfNode[t];
    if (a === b && items[a].kind === 'group') continue;
    const key = a * items.length + b;
    const found = merged.get(key);
    if (found) found.count++;
    else merged.set(key, { source: items[a].id, target: items[b].id, count: 1 });
  }
  return [...merged.values()];
}

/** Number of items visible when exactly the given groups are expanded. */
export function visibleCount(tree: ScopeTree, expanded: ReadonlySet<string>): number {
  let count = tree.groups[0].children.length + tree.groups[0].nodes.length;
  const open = new Uint8Array(tree.groups.length);
  open[0] = 1;
  for (let g = 1; g < tree.groups.length; g++) {
    const group = tree.groups[g];
    if (open[group.parent] && expanded.has(group.id)) {
      open[g] = 1;
      count += group.children.length + group.nodes.length - 1;
    }
  }
  return count;
}

/**
 * Which groups to open first so that at most `maxVisible` items show: the biggest groups open first,
 * and sibling groups of equal size (the layers of a transformer) open together or not at all, so
 * the first view stays regular.
 */
export function initialExpansion(tree: ScopeTree, maxVisible: number): Set<string> {
  const { groups } = tree;
  const expanded = new Set<string>();
  let visible = groups[0].children.length + groups[0].nodes.length;
  const before = (a: number, b: number): boolean =>
    groups[a].nodeCount !== groups[b].nodeCount
      ? groups[a].nodeCount > groups[b].nodeCount
      : groups[a].parent !== groups[b].parent
        ? groups[a].parent < groups[b].parent
        : a < b;
  const heap = new GroupHeap(before);
  for (const child of groups[0].children) heap.push(child);
  while (heap.size > 0) {
    const first = heap.pop();
    const batch = [first];
    while (heap.size > 0) {
      const next = heap.peek();
      if (groups[next].parent !== groups[first].parent || groups[next].nodeCount !== groups[first].nodeCount) break;
      batch.push(heap.pop());
    }
    const growth = batch.reduce((sum, g) => sum + groups[g].children.length + groups[g].nodes.length - 1, 0);
    if (visible + growth > maxVisible) continue;
    visible += growth;
    for (const g of batch) {
      expanded.add(groups[g].id);
      for (const child of groups[g].children) heap.push(child);
    }
  }
  return expanded;
}

/** A binary heap of group indices ordered by `before`. */
class GroupHeap {
  private readonly items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items[0];
  }

  push(g: number): void {
    const items = this.items;
    let i = items.push(g) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as number;
    if (items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < items.length && this.before(items[l], items[best])) best = l;
      if (r < items.length && this.before(items[r], items[best])) best = r;
      if (best === i) return top;
      [items[i], items[best]] = [items[best], items[i]];
      i = best;
    }
  }
}
