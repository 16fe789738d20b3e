/**
 * What a plan prepared (decoded, preprocessed pictures), handed to the run that follows it so a run reads each
 * picture once. One entry, taken by the run: a later plan or run never sees data older than its own plan.
 */
export class PreparedCache {
  private entry: { key: string; value: unknown } | undefined;

  keep(key: string, value: unknown): void {
    this.entry = { key, value };
  }

  /** The value kept under `key`, removed; undefined when the last plan was for other settings. */
  take<T>(key: string): T | undefined {
    const e = this.entry;
    if (!e || e.key !== key) return undefined;
    this.entry = undefined;
    return e.value as T;
  }
}
