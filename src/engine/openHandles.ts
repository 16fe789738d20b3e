/** Things opened under ids the caller keeps ("g1", "g2", ...), with a clear error for an id that is not open. */
export class OpenHandles<T> {
  private readonly open = new Map<string, T>();
  private nextId = 1;

  /** `prefix` starts every id; `what` names the thing in the error for an unknown id. */
  constructor(
    private readonly prefix: string,
    private readonly what: string,
  ) {}

  add(value: T): string {
    const id = `${this.prefix}${this.nextId++}`;
    this.open.set(id, value);
    return id;
  }

  get(id: string): T {
    const value = this.open.get(id);
    if (value === undefined) throw new Error(`No open ${this.what} with id '${id}'.`);
    return value;
  }

  delete(id: string): void {
    this.open.delete(id);
  }
}
