/** Structural checks that leave warnings, not errors: edges to undefined tensors, reused outputs, cycles. */
import type { Graph } from './types';

const MAX_LISTED = 5;

/** Checks `graph` and its subgraphs; `outer` holds the names visible from enclosing graphs. */
export function validateGraph(graph: Graph, outer: ReadonlySet<string>, warnings: string[], where: string): void {
  const defined = new Set<string>(outer);
  for (const v of graph.inputs) defined.add(v.name);
  for (const t of graph.initializers) defined.add(t.name);
  for (const t of graph.sparseInitializers) defined.add(t.name);
  const producedBy = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    for (const out of node.outputs) {
      if (out === '') continue;
      if (producedBy.has(out)) warnings.push(`${where}: tensor '${out}' is produced by more than one node`);
      producedBy.set(out, i);
      defined.add(out);
    }
  });
  const dangling: string[] = [];
  for (const node of graph.nodes)
    for (const input of node.inputs)
      if (input !== '' && !defined.has(input)) dangling.push(`'${input}' (input of ${node.name || node.op})`);
  for (const out of graph.outputs) if (!defined.has(out.name)) dangling.push(`'${out.name}' (graph output)`);
  if (dangling.length)
    warnings.push(
      `${where}: ${dangling.length} edge(s) to undefined tensors: ${dangling.slice(0, MAX_LISTED).join(', ')}${dangling.length > MAX_LISTED ? ', ...' : ''}`,
    );
  const cyclic = nodesOnCycles(graph, producedBy);
  if (cyclic.length)
    warnings.push(
      `${where}: ${cyclic.length} node(s) sit on a cycle: ${cyclic.slice(0, MAX_LISTED).join(', ')}${cyclic.length > MAX_LISTED ? ', ...' : ''}`,
    );
  graph.nodes.forEach((node) => {
    for (const attr of node.attributes) {
      const subs = attr.type === 'graph' ? [attr.value] : attr.type === 'graphs' ? attr.value : [];
      subs.forEach((sub, k) =>
        validateGraph(
          sub,
          defined,
          warnings,
          `${where}/${node.name || node.op}.${attr.name}${subs.length > 1 ? `[${k}]` : ''}`,
        ),
      );
    }
  });
}

/** Kahn's algorithm (1962): nodes never reaching in-degree 0 are on (or behind) a cycle. */
function nodesOnCycles(graph: Graph, producedBy: Map<string, number>): string[] {
  const n = graph.nodes.length;
  const indegree = new Int32Array(n);
  const consumers: number[][] = Array.from({ length: n }, () => []);
  graph.nodes.forEach((node, i) => {
    for (const input of node.inputs) {
      const p = producedBy.get(input);
      if (p === undefined) continue;
      consumers[p].push(i);
      indegree[i]++;
    }
  });
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i);
  for (let head = 0; head < queue.length; head++)
    for (const c of consumers[queue[head]]) if (--indegree[c] === 0) queue.push(c);
  const stuck: string[] = [];
  if (queue.length < n)
    for (let i = 0; i < n; i++) if (indegree[i] > 0) stuck.push(graph.nodes[i].name || `#${i} ${graph.nodes[i].op}`);
  return stuck;
}
