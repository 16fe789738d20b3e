/** The Graph tab's time overlay: each shown item's share of the profiled time, and the slowest-nodes table. Pure. */
import type { GraphIndexEntry } from '../../src/protocol/graphTypes';
import type { NodeTime } from '../../src/protocol/profileTypes';

export type TimeSortKey = 'name' | 'op' | 'ms' | 'share';

/**
 * Share of the time per item on screen: a node shows its own; a folded group, the sum of the nodes
 * inside it (a node's innermost shown ancestor). Nodes onnxruntime added (no graph node) are left out.
 */
export function visibleShares(
  nodes: readonly NodeTime[],
  index: readonly GraphIndexEntry[],
  shown: ReadonlySet<string>,
): Map<string, number> {
  const byId = new Map(index.map((e) => [e.id, e]));
  const out = new Map<string, number>();
  for (const n of nodes) {
    if (n.node_id === undefined) continue;
    const entry = byId.get(n.node_id);
    let target: string | undefined = shown.has(n.node_id) ? n.node_id : undefined;
    for (let i = (entry?.ancestors.length ?? 0) - 1; target === undefined && i >= 0; i--)
      if (shown.has(entry!.ancestors[i])) target = entry!.ancestors[i];
    if (target !== undefined) out.set(target, (out.get(target) ?? 0) + n.share);
  }
  return out;
}

/** 0..1 for colouring: the share against the largest one shown, so the slowest item is always full colour. */
export function heat(shares: ReadonlyMap<string, number>): Map<string, number> {
  const top = Math.max(0, ...shares.values());
  return new Map([...shares].map(([id, s]) => [id, top > 0 ? s / top : 0]));
}

export function sortTimes(nodes: readonly NodeTime[], key: TimeSortKey, descending: boolean): NodeTime[] {
  const sign = descending ? -1 : 1;
  return [...nodes].sort((a, b) => {
    const c = key === 'name' || key === 'op' ? a[key].localeCompare(b[key]) : a[key] - b[key];
    return sign * c || a.name.localeCompare(b.name);
  });
}

/** Clicking the sorted column flips its direction; another column starts with the order that reads best. */
export function nextSort(
  current: { key: TimeSortKey; descending: boolean },
  clicked: TimeSortKey,
): { key: TimeSortKey; descending: boolean } {
  if (current.key === clicked) return { key: clicked, descending: !current.descending };
  return { key: clicked, descending: clicked === 'ms' || clicked === 'share' };
}
