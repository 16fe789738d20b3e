/** Pure view models of the error cohorts, the surrogate's rules and its tree drawn top-down. No DOM. */
import type { ErrorAnalysis, RulesResult, TreeNode } from '../../../src/protocol/evaluationTypes';
import { formatMetric } from './classification';

export interface CohortRow {
  index: number;
  rule: string;
  size: number;
  coverage: number;
  /** Misclassified share, or mean absolute residual for regression. */
  error: number;
  /** Error rate relative to the overall one (1: as bad as every row). */
  lift: number;
  rows: number[];
}

export function cohortRows(errors: ErrorAnalysis): CohortRow[] {
  return errors.cohorts.map((c, index) => ({
    index,
    rule: c.rule,
    size: c.size,
    coverage: c.coverage,
    error: c.error_rate,
    lift: errors.overall_error > 0 ? c.error_rate / errors.overall_error : c.error_rate > 0 ? Infinity : 1,
    rows: c.rows,
  }));
}

/** Rows as the Attributions tab's field reads them: sorted, runs written as ranges ("0-3, 7, 9-10"). */
export function rowsText(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export interface RuleRow {
  text: string;
  conditions: string[];
  prediction: string;
  coverage: number;
  /** Class mix as text ("class_0 0%, class_1 100%") or the leaf's mean and spread for regression. */
  mix: string;
  /** The predicted class's share among the rule's rows (classification), for the bar beside it. */
  purity?: number;
}

const percent = (v: number) => `${(100 * v).toFixed(v > 0 && v < 0.01 ? 1 : 0)}%`;

export function ruleRows(r: RulesResult): RuleRow[] {
  return r.rules.map((rule) => {
    const conditions = rule.conditions.map((c) => `${c.feature} ${c.op} ${formatThreshold(c.threshold)}`);
    const classes = r.classes;
    const classification = r.task === 'classification' && classes !== undefined;
    const k = classification ? classes.indexOf(String(rule.prediction)) : -1;
    return {
      text: rule.text,
      conditions,
      prediction: typeof rule.prediction === 'number' ? formatMetric(rule.prediction) : rule.prediction,
      coverage: rule.coverage,
      mix: classification
        ? classes.map((c, i) => `${c} ${percent(rule.distribution[i] ?? 0)}`).join(', ')
        : `mean ${formatMetric(rule.distribution[0])} ± ${formatMetric(rule.distribution[1])}`,
      purity: k >= 0 ? rule.distribution[k] : undefined,
    };
  });
}

/** A split threshold at most 4 significant digits (the JSON keeps every digit). */
export function formatThreshold(v: number): string {
  return String(Number(v.toPrecision(4)));
}

export interface TreeBox {
  id: string;
  depth: number;
  /** Centre in layout units: x in leaf slots from 0, y in levels from 0. */
  x: number;
  y: number;
  leaf: boolean;
  /** The split ("proline <= 755") or the leaf's prediction; its rows and the class mix or mean. */
  title: string;
  detail: string;
  rows: number;
  /** Leaves under the box (1 for a leaf): the width it may take. */
  span: number;
  /** Leaves: the predicted class index (colour), -1 for regression. */
  classIndex: number;
}

export interface TreeLink {
  from: string;
  to: string;
  /** "yes" on the left (the condition holds), "no" on the right. */
  label: 'yes' | 'no';
}

export interface TreeLayout {
  boxes: TreeBox[];
  links: TreeLink[];
  leaves: number;
  levels: number;
}

/** Leaves in order one slot apart, each split centred over its children (a tidy layout for small binary trees). */
export function treeLayout(root: TreeNode, classes?: string[]): TreeLayout {
  const boxes: TreeBox[] = [];
  const links: TreeLink[] = [];
  let nextLeaf = 0;
  let levels = 0;
  const visit = (node: TreeNode, id: string, depth: number): number => {
    levels = Math.max(levels, depth + 1);
    const split = node.feature !== undefined && node.left && node.right;
    const first = nextLeaf;
    let x: number;
    if (split) {
      const l = visit(node.left as TreeNode, `${id}L`, depth + 1);
      const r = visit(node.right as TreeNode, `${id}R`, depth + 1);
      x = (l + r) / 2;
      links.push({ from: id, to: `${id}L`, label: 'yes' }, { from: id, to: `${id}R`, label: 'no' });
    } else {
      x = nextLeaf++;
    }
    const best = node.value.reduce((b, v, i) => (v > node.value[b] ? i : b), 0);
    const classification = classes !== undefined && node.value.length === classes.length;
    boxes.push({
      id,
      depth,
      x,
      y: depth,
      leaf: !split,
      title: split
        ? `${node.feature} <= ${formatThreshold(node.threshold ?? 0)}`
        : classification
          ? classes[best]
          : formatMetric(node.value[0]),
      // A leaf's title is its class or mean already; a split's rows are what it divides.
      detail: split || !classification ? `${node.rows} rows` : `${node.rows} rows · ${percent(node.value[best])}`,
      rows: node.rows,
      span: nextLeaf - first,
      classIndex: classification ? best : -1,
    });
    return x;
  };
  visit(root, 'n', 0);
  return { boxes, links, leaves: nextLeaf, levels };
}
