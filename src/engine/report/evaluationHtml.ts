/** A self-contained, script-free HTML page of an evaluation: headline metrics with intervals, per class, confusion matrix, cohorts. */
import type { Evaluation } from '../../protocol/evaluationTypes';
import { REPORT_CSP } from './html';
import { escapeHtml, htmlPage } from './page';
import { unreliableNote } from '../../protocol/intervalNote';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : v.toFixed(4));

function table(head: string[], rows: (string | number)[][]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(typeof c === 'number' ? fmt(c) : c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The Evaluation section alone (for a report that holds other sections too). */
export function evaluationSection(e: Evaluation): string {
  const ci = (name: string) => (e.ci[name] ? `${fmt(e.ci[name].low)} - ${fmt(e.ci[name].high)}` : '-');
  const parts: string[] = [`<section id="evaluation"><h2>Evaluation</h2>`];
  parts.push(`<p>${escapeHtml(`${e.model} on ${e.data}: ${e.rows} rows, output ${e.output}, ${e.task}.`)}</p>`);
  // Few rows or resamples missing classes: the note comes before the numbers it qualifies.
  const note = unreliableNote(Object.entries(e.ci).map(([label, ci]) => ({ label, ci })));
  if (note) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  if (e.task === 'classification') {
    const headline: [string, number | null][] = [
      ['accuracy', e.accuracy],
      ['balanced_accuracy', e.balanced_accuracy],
      ['f1_macro', e.f1_macro],
      ['f1_weighted', e.f1_weighted],
      ['roc_auc', e.roc_auc],
      ['log_loss', e.log_loss],
      ['brier', e.brier],
    ];
    parts.push(
      table(
        ['metric', 'value', '95% interval'],
        headline.map(([n, v]) => [n, fmt(v), ci(n)]),
      ),
    );
    parts.push('<h3>Per class</h3>');
    parts.push(
      table(
        ['class', 'precision', 'recall', 'f1', 'support', 'average precision'],
        e.classes.map((c, k) => [
          c,
          e.precision[k],
          e.recall[k],
          e.f1[k],
          String(e.support[k]),
          fmt(e.average_precision[k]),
        ]),
      ),
    );
    parts.push('<h3>Confusion matrix (rows: true class, columns: predicted)</h3>');
    parts.push(
      table(
        ['', ...e.classes],
        e.confusion_matrix.map((r, t) => [e.classes[t], ...r.map(String)]),
      ),
    );
  } else {
    parts.push(
      table(
        ['metric', 'value', '95% interval'],
        (['mae', 'rmse', 'r2'] as const).map((n) => [n, fmt(e[n]), ci(n)]),
      ),
    );
    parts.push('<h3>Residuals (actual - predicted)</h3>');
    parts.push(
      table(
        ['quantile', 'value'],
        e.residuals.map((r) => [String(r.q), r.value]),
      ),
    );
  }
  parts.push('<h3>Where the model fails most</h3>');
  if (e.errors.unavailable !== undefined) parts.push(`<p>Not available: ${escapeHtml(e.errors.unavailable)}.</p>`);
  else
    parts.push(
      table(
        ['cohort', 'rows', e.errors.target === 'misclassified' ? 'error rate' : 'mean |residual|'],
        e.errors.cohorts.map((c) => [c.rule, String(c.size), c.error_rate]),
      ),
    );
  parts.push('</section>');
  return parts.join('\n');
}

export function evaluationHtml(e: Evaluation): string {
  const title = `Evaluation of ${e.model}`;
  return htmlPage({ csp: REPORT_CSP, title, body: [`<h1>${escapeHtml(title)}</h1>`, evaluationSection(e)] });
}
