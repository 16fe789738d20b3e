/** The nodes (each in one context) waiting to be expanded, largest weighted |value| first. */

export interface PendingNode {
  node: number;
  /** The nodes outside this one that are on (their leaves keep the row's values). */
  context: Int32Array;
  /** The probability of this context: 1/2 per level below the root. */
  weight: number;
  /** v(context) and v(context + node), per output column. */
  vContext: Float64Array;
  vWith: Float64Array;
  depth: number;
  /** weight * |v(context + node) - v(context)| over the priority columns. */
  priority: number;
  /** Insertion order, so equal priorities come out the same way on every run. */
  seq: number;
}

/** A binary max-heap; ties go to the coarser node, then to the one queued first. */
export class PendingQueue {
  private readonly heap: PendingNode[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** Every pending node, in no particular order. */
  items(): readonly PendingNode[] {
    return this.heap;
  }

  push(item: PendingNode): void {
    const a = this.heap;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (!before(a[i], a[up])) break;
      [a[i], a[up]] = [a[up], a[i]];
      i = up;
    }
  }

  pop(): PendingNode | undefined {
    const a = this.heap;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < a.length && before(a[l], a[best])) best = l;
      if (r < a.length && before(a[r], a[best])) best = r;
      if (best === i) break;
      [a[i], a[best]] = [a[best], a[i]];
      i = best;
    }
    return top;
  }
}

function before(a: PendingNode, b: PendingNode): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.depth !== b.depth) return a.depth < b.depth;
  return a.seq < b.seq;
}
