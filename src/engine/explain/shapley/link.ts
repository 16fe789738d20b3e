/** The link applied to averaged model outputs before attributing: identity, or logit for log-odds units. */
export type Link = 'identity' | 'logit';

/**
 * The link of one value. logit needs a value strictly inside (0, 1): anything else is refused rather than
 * clamped (a clamp turns a score that is not a probability into a made-up log-odds). `where` names the value.
 */
export function linkValue(v: number, link: Link, where?: () => string): number {
  if (link === 'identity') return v;
  if (!(v > 0 && v < 1)) throw new Error(logitDomainMessage(where?.() ?? 'an averaged output', v));
  return Math.log(v / (1 - v));
}

export function logitDomainMessage(what: string, v: number): string {
  return (
    `the logit link needs outputs strictly between 0 and 1 (probabilities), and ${what} is ${v}: ` +
    'explain with the identity link, or choose an output that holds probabilities'
  );
}

export function applyLink(values: Float64Array, link: Link, where?: () => string): Float64Array {
  if (link === 'identity') return values;
  for (let i = 0; i < values.length; i++) values[i] = linkValue(values[i], link, where);
  return values;
}
