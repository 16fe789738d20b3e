/** The notification's line for a running explanation: percentage done and time left. Pure. */

export function formatSeconds(s: number): string {
  if (s < 1.5) return 'a second';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** Percent done (0-100, never past 100) and the message, e.g. "42% (about 3 s left)". */
export function progressMessage(
  done: number,
  total: number,
  etaSeconds?: number,
): { percent: number; message: string } {
  const percent = total > 0 ? Math.min(100, Math.max(0, (100 * done) / total)) : 0;
  const eta =
    etaSeconds !== undefined && Number.isFinite(etaSeconds) && done < total
      ? ` (about ${formatSeconds(etaSeconds)} left)`
      : '';
  return { percent, message: `${Math.floor(percent)}%${eta}` };
}
