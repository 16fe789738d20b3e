/** Pure state of the Attributions tab: the form's choices, progress text, what to draw. No DOM. */
import type { ExplainChoices } from '../../src/protocol/messages';
import type { Attribution, ExplainPlanInfo } from '../../src/protocol/explainTypes';
import { CANCELLED } from '../../src/protocol/cancel';

export interface FormFields {
  data: string;
  background: string;
  backgroundSize: string;
  rows: string;
  method: string;
  output: string;
  samples: string;
  seed: string;
  link: string;
}

const METHODS = ['auto', 'exact', 'kernel', 'permutation', 'tree', 'lime'] as const;

/** Choices from the form's text, or the first field that is wrong. */
export function choicesFromFields(f: FormFields): { choices: ExplainChoices } | { error: string } {
  if (!f.data.trim()) return { error: 'Choose a data file (CSV, JSON or .npy) to explain.' };
  if (!(METHODS as readonly string[]).includes(f.method)) return { error: `Unknown method "${f.method}".` };
  const whole = (text: string, name: string, min: number): number | undefined | string => {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    return Number.isInteger(n) && n >= min ? n : `${name} must be a whole number of at least ${min}.`;
  };
  const backgroundSize = whole(f.backgroundSize, 'Background size', 1);
  const samples = whole(f.samples, 'Samples', 1);
  const seed = whole(f.seed, 'Seed', 0);
  for (const v of [backgroundSize, samples, seed]) if (typeof v === 'string') return { error: v };
  if (f.rows.trim() && !/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/.test(f.rows)) {
    return { error: `Rows "${f.rows}": use rows and ranges such as 0-19 or 3, 7, 10-12.` };
  }
  return {
    choices: {
      data: f.data.trim(),
      background: f.background.trim() || undefined,
      backgroundSize: backgroundSize as number | undefined,
      rows: f.rows.trim() || undefined,
      method: f.method as ExplainChoices['method'],
      output: f.output || undefined,
      samples: samples as number | undefined,
      seed: seed as number | undefined,
      link: f.link === 'logit' ? 'logit' : undefined,
    },
  };
}

export function fieldsFromChoices(c: ExplainChoices): FormFields {
  const text = (v: unknown) => (v === undefined ? '' : String(v));
  return {
    data: text(c.data),
    background: text(c.background),
    backgroundSize: text(c.backgroundSize),
    rows: text(c.rows),
    method: c.method,
    output: text(c.output),
    samples: text(c.samples),
    seed: text(c.seed),
    link: c.link ?? 'identity',
  };
}

export function progressText(done: number, total: number, etaSeconds?: number): string {
  const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
  const eta = etaSeconds !== undefined && done < total ? `, about ${Math.max(1, Math.round(etaSeconds))} s left` : '';
  return `${pct}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} model rows)${eta}`;
}

export function planText(plan: ExplainPlanInfo): string {
  const eta = plan.etaSeconds !== undefined ? `, about ${Math.max(1, Math.round(plan.etaSeconds))} s` : '';
  const rows = plan.evaluations > 0 ? `${plan.evaluations.toLocaleString('en-US')} model rows${eta}` : 'no model calls';
  return `${plan.method}: ${plan.reason}. ${plan.explainedRows} rows, ${rows}.`;
}

export function outcomeText(a: Attribution, dataRows?: number, background?: string): string {
  const rows = `${a.rows.length} row${a.rows.length === 1 ? '' : 's'}${dataRows ? ` of ${dataRows}` : ''}`;
  const bg = background ? `, background ${background}` : '';
  return `${a.method} on '${a.output}': ${rows}${bg}; ${a.evaluations.toLocaleString('en-US')} model rows in ${a.seconds.toFixed(2)} s.`;
}

/** The summary line while a run is going: how many rows have finished. */
export function partialText(a: Attribution): string {
  return `${a.method} on '${a.output}': ${a.rows.length} row${a.rows.length === 1 ? '' : 's'} finished so far...`;
}

/**
 * What the charts show after a run that did not finish, and the message: the earlier results stay;
 * with none, a cancelled run's finished rows are shown rather than nothing.
 */
export function afterUnfinishedRun(
  earlier: Attribution | undefined,
  partial: Attribution | undefined,
  error: string,
): { attribution?: Attribution; partial: boolean; message: string } {
  const finished = partial?.rows.length ?? 0;
  if (error !== CANCELLED) {
    const kept = earlier ? ' The earlier results are still shown.' : '';
    return { attribution: earlier, partial: false, message: `${error}${kept}` };
  }
  const done = finished ? ` after ${finished} row${finished === 1 ? '' : 's'} had finished` : '';
  if (earlier)
    return {
      attribution: earlier,
      partial: false,
      message: `The run was cancelled${done}; the earlier results are shown.`,
    };
  if (partial && finished)
    return { attribution: partial, partial: true, message: `The run was cancelled${done}; those rows are shown.` };
  return { attribution: undefined, partial: false, message: 'The run was cancelled before any row finished.' };
}

/** Engine messages speak the CLI's flags; the panel names its own fields. */
export function panelErrorText(message: string): string {
  return message.replace(/^(Error: )?--rows: /, 'Rows to explain: ');
}

/** The label column first offered for permutation importance: the sidecar's, else one named like a label. */
export function defaultLabelColumn(columns: readonly string[], sidecarLabel?: string): string | undefined {
  if (sidecarLabel && columns.includes(sidecarLabel)) return sidecarLabel;
  const labelLike = /^(target|label|labels|class|y|outcome|cultivar|species)$/i;
  return columns.find((c) => labelLike.test(c)) ?? columns[0];
}
