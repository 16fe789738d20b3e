/** CSV text of each evaluation chart's numbers (text cells neutralised against spreadsheet formulas). */
import type { ClassificationEvaluation, RulesResult } from '../../../src/protocol/evaluationTypes';
import { csvNumber as num, csvText as text } from '../../common/csv';
import type { ClassBars, ConfusionView } from './classification';
import type { HistogramView, ScatterView } from './curves';
import type { CohortRow } from './rules';

const lines = (head: string, rows: string[][]) => [head, ...rows.map((r) => r.join(','))].join('\n') + '\n';

export function confusionCsv(v: ConfusionView): string {
  return lines(
    'true,predicted,count,row_share',
    v.cells.map((c) => [
      text(v.classes[c.trueIndex]),
      text(v.classes[c.predictedIndex]),
      num(c.count),
      num(c.rowShare),
    ]),
  );
}

export function rocCsv(e: ClassificationEvaluation): string {
  return lines(
    'class,false_positive_rate,true_positive_rate,threshold',
    e.curves.flatMap((c) =>
      c.roc.fpr.map((x, i) => [text(c.class), num(x), num(c.roc.tpr[i]), num(c.roc.thresholds[i])]),
    ),
  );
}

export function prCsv(e: ClassificationEvaluation): string {
  return lines(
    'class,recall,precision,threshold',
    e.curves.flatMap((c) =>
      // sklearn's last point (recall 0, precision 1) has no threshold.
      c.pr.recall.map((x, i) => [text(c.class), num(x), num(c.pr.precision[i]), num(c.pr.thresholds[i] ?? NaN)]),
    ),
  );
}

export function calibrationCsv(e: ClassificationEvaluation): string {
  return lines(
    'class,lower,upper,count,mean_predicted,fraction_positive',
    e.calibration.flatMap((c) =>
      c.bins.map((b) => [
        text(c.class),
        num(b.lower),
        num(b.upper),
        num(b.count),
        num(b.mean_predicted),
        num(b.fraction_positive),
      ]),
    ),
  );
}

export function perClassCsv(v: ClassBars): string {
  return lines(
    'class,precision,recall,f1,support',
    v.groups.map((g) => [text(g.class), ...g.values.map(num), num(g.support)]),
  );
}

export function scatterCsv(v: ScatterView): string {
  return lines(
    'row,actual,predicted,residual',
    v.points.map((p) => [num(p.row), num(p.actual), num(p.predicted), num(p.actual - p.predicted)]),
  );
}

export function histogramCsv(v: HistogramView): string {
  return lines(
    'lower,upper,count',
    v.bins.map((b) => [num(b.lower), num(b.upper), num(b.count)]),
  );
}

export function cohortsCsv(rows: CohortRow[]): string {
  return lines(
    'rule,size,coverage,error,rows',
    rows.map((c) => [text(c.rule), num(c.size), num(c.coverage), num(c.error), text(c.rows.join(' '))]),
  );
}

export function rulesCsv(r: RulesResult): string {
  return lines(
    'rule,prediction,coverage,distribution',
    r.rules.map((rule) => [
      text(rule.text),
      typeof rule.prediction === 'number' ? num(rule.prediction) : text(rule.prediction),
      num(rule.coverage),
      text(rule.distribution.join(' ')),
    ]),
  );
}
