/**
 * Binary hierarchies over feature groups, for hierarchical (Owen) attribution: a recursive split of an
 * image grid into halves, or of a sequence (tokens, time windows) into contiguous halves.
 */

/**
 * A binary hierarchy over M leaf groups: node ids 0..M-1 are the leaves (the groups), M.. the internal
 * nodes, each internal node's children have smaller ids than it does, and the root is the last node
 * (the leaf 0 when M = 1).
 */
export interface Hierarchy {
  leaves: number;
  /** Children per internal node, at index node - leaves. */
  left: Int32Array;
  right: Int32Array;
  root: number;
}

/** Nodes in all: M leaves and M - 1 internal nodes. */
export function nodeCount(h: Hierarchy): number {
  return h.leaves + h.left.length;
}

/** Builds ids as nodes are finished: leaves in the order made, internal nodes after all leaves, children first. */
class Builder {
  private leafCount = 0;
  private readonly pairs: [number, number][] = [];

  leaf(): number {
    return this.leafCount++;
  }

  /** Internal nodes get provisional ids -1, -2, ... until the number of leaves is known. */
  join(left: number, right: number): number {
    this.pairs.push([left, right]);
    return -this.pairs.length;
  }

  finish(root: number): Hierarchy {
    const m = this.leafCount;
    const id = (node: number) => (node >= 0 ? node : m - node - 1);
    return {
      leaves: m,
      left: Int32Array.from(this.pairs, ([l]) => id(l)),
      right: Int32Array.from(this.pairs, ([, r]) => id(r)),
      root: id(root),
    };
  }
}

/**
 * Recursive axis-aligned halving of a height x width grid until a cell has at most `maxCellPixels`
 * pixels. The longer side is split (the width when square); an odd side gives its first part (top or
 * left) the extra row or column. Leaves are the cells, numbered depth first, top/left part before
 * bottom/right, which is the order they are made.
 */
export function gridHierarchy(
  height: number,
  width: number,
  maxCellPixels: number,
): { hierarchy: Hierarchy; segmentOfPixel: Int32Array } {
  if (!(height >= 1 && width >= 1 && Number.isInteger(height) && Number.isInteger(width))) {
    throw new Error(`a grid needs a whole positive height and width, not ${height} x ${width}`);
  }
  if (!(maxCellPixels >= 1)) throw new Error(`a cell must be allowed at least one pixel, not ${maxCellPixels}`);
  const segmentOfPixel = new Int32Array(height * width);
  const b = new Builder();
  const split = (top: number, left: number, h: number, w: number): number => {
    if (h * w <= maxCellPixels) {
      const leaf = b.leaf();
      for (let y = top; y < top + h; y++) segmentOfPixel.fill(leaf, y * width + left, y * width + left + w);
      return leaf;
    }
    if (w >= h) {
      const first = Math.ceil(w / 2);
      const l = split(top, left, h, first);
      return b.join(l, split(top, left + first, h, w - first));
    }
    const first = Math.ceil(h / 2);
    const t = split(top, left, first, w);
    return b.join(t, split(top + first, left, h - first, w));
  };
  const root = split(0, 0, height, width);
  return { hierarchy: b.finish(root), segmentOfPixel };
}

/** A balanced binary hierarchy over m units in sequence: contiguous halves, the first taking the odd one. */
export function sequenceHierarchy(m: number): Hierarchy {
  if (!(m >= 1 && Number.isInteger(m))) throw new Error(`a sequence hierarchy needs at least one unit, not ${m}`);
  const b = new Builder();
  const split = (count: number): number => {
    if (count === 1) return b.leaf();
    const first = Math.ceil(count / 2);
    const l = split(first);
    return b.join(l, split(count - first));
  };
  return b.finish(split(m));
}

/** Where each node's leaves lie: node n covers order[start[n] .. end[n]) (leaves in depth-first order). */
export interface LeafSpans {
  order: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

export function leafSpans(h: Hierarchy): LeafSpans {
  const n = nodeCount(h);
  const order = new Int32Array(h.leaves);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  let next = 0;
  // Iterative depth-first walk: a deep, unbalanced hierarchy must not overflow the stack.
  const stack: number[] = [h.root];
  const entered = new Uint8Array(n);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node < h.leaves) {
      stack.pop();
      start[node] = next;
      order[next++] = node;
      end[node] = next;
    } else if (!entered[node]) {
      entered[node] = 1;
      start[node] = next;
      stack.push(h.right[node - h.leaves], h.left[node - h.leaves]);
    } else {
      stack.pop();
      end[node] = next;
    }
  }
  return { order, start, end };
}

/** Depth of every node (the root has depth 0). Parents have larger ids, so one pass from the root down. */
export function nodeDepths(h: Hierarchy): Int32Array {
  const depth = new Int32Array(nodeCount(h));
  for (let node = nodeCount(h) - 1; node >= h.leaves; node--) {
    depth[h.left[node - h.leaves]] = depth[node] + 1;
    depth[h.right[node - h.leaves]] = depth[node] + 1;
  }
  return depth;
}

/** Throws unless h is a binary tree over its leaves with children before parents and the root last. */
export function checkHierarchy(h: Hierarchy): void {
  const m = h.leaves;
  const n = nodeCount(h);
  const fail = (why: string) => {
    throw new Error(`not a binary hierarchy over ${m} groups: ${why}`);
  };
  if (!(m >= 1)) fail('no leaves');
  if (h.left.length !== h.right.length || h.left.length !== m - 1) fail(`${h.left.length} internal nodes`);
  if (h.root !== n - 1) fail(`the root is ${h.root}, not the last node ${n - 1}`);
  const parents = new Int32Array(n);
  for (let node = m; node < n; node++) {
    for (const child of [h.left[node - m], h.right[node - m]]) {
      if (!(child >= 0 && child < node)) fail(`node ${node} has child ${child}`);
      if (parents[child]++ > 0) fail(`node ${child} has two parents`);
    }
  }
  // n - 1 parent links, each node but the root with one, and children below parents: one tree.
  for (let node = 0; node < n - 1; node++) if (parents[node] !== 1) fail(`node ${node} has no parent`);
}
