/**
 * Runs jobs 0..count-1 with up to `window` in flight at once and hands each result to `done` in order:
 * rows explained concurrently (so the evaluation workers never wait on one row) but reported as they come.
 */
export async function inOrder<T>(
  count: number,
  window: number,
  start: (i: number) => Promise<T>,
  done: (i: number, result: T) => void,
): Promise<void> {
  const pending = new Map<number, Promise<T>>();
  const ahead = Math.max(1, window);
  for (let i = 0; i < count; i++) {
    for (let next = i; next < Math.min(count, i + ahead); next++) {
      if (pending.has(next)) continue;
      const job = start(next);
      job.catch(() => undefined); // awaited in turn below; this only keeps an early failure from going unhandled
      pending.set(next, job);
    }
    // A later job's failure waits its turn.
    const result = await pending.get(i)!;
    pending.delete(i);
    done(i, result);
  }
}
