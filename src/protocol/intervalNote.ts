/** How a bootstrap interval's reasons for being unreliable are carried and read back as one line. */
import type { Interval } from './evaluationTypes';

/** Joins an interval's reasons; unreliableNote splits on it. */
export const REASON_SEPARATOR = '; ';

/** One line for the report and panel: each reason once, with the metrics it applies to. */
export function unreliableNote(metrics: { label: string; ci?: Interval }[]): string | undefined {
  const byReason = new Map<string, string[]>();
  for (const m of metrics)
    for (const reason of m.ci?.unreliable?.split(REASON_SEPARATOR) ?? []) {
      const list = byReason.get(reason) ?? [];
      byReason.set(reason, [...list, m.label]);
    }
  if (byReason.size === 0) return undefined;
  const parts = [...byReason].map(([reason, labels]) =>
    labels.length === metrics.length ? reason : `${labels.join(', ')}: ${reason}`,
  );
  return `Bootstrap intervals unreliable: ${parts.join('; ')}.`;
}
