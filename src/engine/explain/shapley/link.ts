/** The link applied to averaged model outputs before attributing: identity, or logit for log-odds units. */
export type Link = 'identity' | 'logit';

const EPS = 1e-7;

export function linkValue(v: number, link: Link): number {
  if (link === 'identity') return v;
  const p = Math.min(1 - EPS, Math.max(EPS, v));
  return Math.log(p / (1 - p));
}

export function applyLink(values: Float64Array, link: Link): Float64Array {
  if (link === 'identity') return values;
  for (let i = 0; i < values.length; i++) values[i] = linkValue(values[i], link);
  return values;
}
