/** Assemble the flat typed-array ensemble from per-node lists, and check that every tree is well formed. */

import { TreeModelError } from './attributes';
import { NodeMode, type TreeEnsemble } from './types';

/** The node arrays as the ensemble holds them; sets and votes come as lists and are packed here. */
export interface EnsembleParts extends Pick<
  TreeEnsemble,
  'feature' | 'mode' | 'threshold' | 'trueChild' | 'falseChild' | 'missingTracksTrue' | 'treeRoots'
> {
  /** Per BRANCH_MEMBER node, its set; empty otherwise. */
  members: readonly (readonly number[])[] | undefined;
  /** Leaf votes as parallel lists: node index, raw-score index, weight. */
  voteNode: ArrayLike<number>;
  voteTarget: ArrayLike<number>;
  voteWeight: ArrayLike<number>;
}

type Rest = Omit<
  TreeEnsemble,
  | 'feature'
  | 'mode'
  | 'threshold'
  | 'trueChild'
  | 'falseChild'
  | 'missingTracksTrue'
  | 'memberStart'
  | 'memberValues'
  | 'voteStart'
  | 'voteTarget'
  | 'voteWeight'
  | 'treeRoots'
  | 'featuresUsed'
>;

export function buildEnsemble(p: EnsembleParts, rest: Rest): TreeEnsemble {
  const n = p.feature.length;
  const memberStart = new Int32Array(n + 1);
  const memberList: number[] = [];
  for (let i = 0; i < n; i++) {
    memberStart[i] = memberList.length;
    if (p.mode[i] === NodeMode.Member) memberList.push(...(p.members?.[i] ?? []));
  }
  memberStart[n] = memberList.length;

  const voteStart = new Int32Array(n + 1);
  for (let j = 0; j < p.voteNode.length; j++) {
    const node = p.voteNode[j];
    if (!(node >= 0 && node < n))
      throw new TreeModelError(`a leaf weight refers to node ${node}, which does not exist`);
    const t = p.voteTarget[j];
    if (!(t >= 0 && t < rest.rawTargets))
      throw new TreeModelError(`a leaf weight is for output ${t}, out of 0..${rest.rawTargets - 1}`);
    voteStart[node + 1]++;
  }
  for (let i = 0; i < n; i++) voteStart[i + 1] += voteStart[i];
  const fill = voteStart.slice(0, n);
  const voteTarget = new Int32Array(p.voteNode.length);
  const voteWeight = new Float64Array(p.voteNode.length);
  for (let j = 0; j < p.voteNode.length; j++) {
    const at = fill[p.voteNode[j]]++;
    voteTarget[at] = p.voteTarget[j];
    voteWeight[at] = p.voteWeight[j];
  }

  let featuresUsed = 0;
  for (let i = 0; i < n; i++) {
    if (p.mode[i] === NodeMode.Leaf) continue;
    const f = p.feature[i];
    if (f < 0) throw new TreeModelError(`node ${i} splits on feature ${f}`);
    for (const c of [p.trueChild[i], p.falseChild[i]]) {
      if (!(c >= 0 && c < n)) throw new TreeModelError(`node ${i} has a child ${c} that does not exist`);
    }
    featuresUsed = Math.max(featuresUsed, f + 1);
  }
  for (const r of p.treeRoots) {
    if (!(r >= 0 && r < n)) throw new TreeModelError(`a tree root ${r} does not exist`);
  }
  checkAcyclic(p, n);

  return {
    ...rest,
    treeRoots: p.treeRoots,
    feature: p.feature,
    mode: p.mode,
    threshold: p.threshold,
    trueChild: p.trueChild,
    falseChild: p.falseChild,
    missingTracksTrue: p.missingTracksTrue,
    memberStart,
    memberValues: Float64Array.from(memberList),
    voteStart,
    voteTarget,
    voteWeight,
    featuresUsed,
  };
}

/** A cycle would make evaluation loop forever: reject it (iterative DFS with colours). */
function checkAcyclic(p: EnsembleParts, n: number): void {
  const state = new Uint8Array(n); // 0 unseen, 1 on stack, 2 done
  const stack: number[] = [];
  const next = new Uint8Array(n); // how many children of the node were pushed
  for (const root of p.treeRoots) {
    if (state[root] === 2) continue;
    stack.push(root);
    state[root] = 1;
    while (stack.length > 0) {
      const v = stack[stack.length - 1];
      if (p.mode[v] === NodeMode.Leaf || next[v] === 2) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      const c = next[v]++ === 0 ? p.trueChild[v] : p.falseChild[v];
      if (state[c] === 1) throw new TreeModelError(`the trees have a cycle through node ${c}`);
      if (state[c] === 0) {
        state[c] = 1;
        stack.push(c);
      }
    }
  }
}
