/** Everything the extension creates is registered with something that is disposed. */
export interface IDisposable {
  dispose(): unknown;
}

export abstract class Disposable implements IDisposable {
  private readonly disposables: IDisposable[] = [];
  private isDisposedFlag = false;

  protected get isDisposed(): boolean {
    return this.isDisposedFlag;
  }

  protected _register<T extends IDisposable>(d: T): T {
    if (this.isDisposedFlag) d.dispose();
    else this.disposables.push(d);
    return d;
  }

  dispose(): void {
    if (this.isDisposedFlag) return;
    this.isDisposedFlag = true;
    while (this.disposables.length) {
      try {
        this.disposables.pop()?.dispose();
      } catch {
        // keep disposing the rest
      }
    }
  }
}
