/** The tree of name scopes ("/encoder/layer.3/attention/...") that the graph view folds. */

export interface ScopedNode {
  id: string;
  /** Enclosing scopes, outermost first; empty or missing for a node at the top level. */
  scope?: readonly string[];
}

export interface ScopeGroup {
  /** The scope path joined by '/' (the deepest path when a single-child chain was merged). */
  id: string;
  /** What a collapsed block shows: the last scope name, or "a/b" for a merged chain. */
  label: string;
  /** Index of the enclosing group; -1 for the root. */
  parent: number;
  depth: number;
  /** Child groups and the group's own nodes (indices into the input), in input order. */
  children: number[];
  nodes: number[];
  /** Nodes anywhere below this group. */
  nodeCount: number;
}

export interface ScopeTree {
  /** groups[0] is the root (id ''), which is always expanded; parents come before children. */
  groups: ScopeGroup[];
  groupIndex: Map<string, number>;
  nodeIds: string[];
  nodeIndex: Map<string, number>;
  /** The innermost group of each node. */
  nodeGroup: Int32Array;
}

export interface ScopeTreeOptions {
  /** Merge a group that holds nothing but one subgroup into that subgroup (default true). */
  mergeSingleChildChains?: boolean;
  /** Put before every group id, should node ids and scope paths ever collide (default ''). */
  groupIdPrefix?: string;
}

function newGroup(id: string, label: string, parent: number, depth: number): ScopeGroup {
  return { id, label, parent, depth, children: [], nodes: [], nodeCount: 0 };
}

/** Builds the scope tree once per model; folding then costs O(nodes + edges). */
export function buildScopeTree(nodes: readonly ScopedNode[], options: ScopeTreeOptions = {}): ScopeTree {
  const prefix = options.groupIdPrefix ?? '';
  const raw: ScopeGroup[] = [newGroup('', '', -1, 0)];
  const byPath = new Map<string, number>();
  const nodeGroup = new Int32Array(nodes.length);
  const nodeIndex = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (nodeIndex.has(node.id)) throw new Error(`buildScopeTree: duplicate node id "${node.id}"`);
    nodeIndex.set(node.id, i);
    let g = 0;
    let path = '';
    for (const name of node.scope ?? []) {
      path = path === '' ? name : `${path}/${name}`;
      let child = byPath.get(path);
      if (child === undefined) {
        child = raw.length;
        raw.push(newGroup(prefix + path, name, g, raw[g].depth + 1));
        raw[g].children.push(child);
        byPath.set(path, child);
      }
      g = child;
    }
    raw[g].nodes.push(i);
    nodeGroup[i] = g;
  });
  for (let g = raw.length - 1; g >= 0; g--) {
    raw[g].nodeCount += raw[g].nodes.length;
    if (g > 0) raw[raw[g].parent].nodeCount += raw[g].nodeCount;
  }
  const merge = options.mergeSingleChildChains ?? true;
  return renumber(raw, nodeGroup, merge, nodes, nodeIndex);
}

/** Drops merged groups and renumbers the rest parents-first, fixing depths and node membership. */
function renumber(
  raw: ScopeGroup[],
  nodeGroup: Int32Array,
  merge: boolean,
  nodes: readonly ScopedNode[],
  nodeIndex: Map<string, number>,
): ScopeTree {
  const groups: ScopeGroup[] = [];
  const newIndex = new Int32Array(raw.length).fill(-1);
  const visit = (g: number, parent: number, labelPrefix: string): void => {
    const group = raw[g];
    if (merge && g > 0 && group.nodes.length === 0 && group.children.length === 1) {
      newIndex[g] = -2; // folded into its only child
      visit(group.children[0], parent, `${labelPrefix}${group.label}/`);
      return;
    }
    const k = groups.length;
    newIndex[g] = k;
    const depth = parent < 0 ? 0 : groups[parent].depth + 1;
    groups.push({ ...group, label: labelPrefix + group.label, parent, depth, children: [], nodes: group.nodes });
    if (parent >= 0) groups[parent].children.push(k);
    for (const child of group.children) visit(child, k, '');
  };
  visit(0, -1, '');
  const remapped = new Int32Array(nodeGroup.length);
  for (let i = 0; i < nodeGroup.length; i++) remapped[i] = newIndex[nodeGroup[i]];
  const groupIndex = new Map<string, number>();
  groups.forEach((group, k) => groupIndex.set(group.id, k));
  return { groups, groupIndex, nodeIds: nodes.map((n) => n.id), nodeIndex, nodeGroup: remapped };
}

/** Ids of the groups, outermost first, that must be expanded for the node to be visible. */
export function ancestorGroups(tree: ScopeTree, nodeId: string): string[] {
  const i = tree.nodeIndex.get(nodeId);
  if (i === undefined) return [];
  const chain: string[] = [];
  for (let g = tree.nodeGroup[i]; g > 0; g = tree.groups[g].parent) chain.push(tree.groups[g].id);
  return chain.reverse();
}
