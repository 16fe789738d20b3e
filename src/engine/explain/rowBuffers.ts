/**
 * Row buffers kept between model calls. A thread that evaluates block after block (an evaluation worker) would
 * otherwise allocate a fresh block of rows per call, and dead blocks wait for the next collection in the thread's
 * native heap: the soak measured that churn as resident memory climbing for hundreds of runs (bench:soak).
 */
import { newRows, type RowBuffer, type RowType } from './batchModel';

export class RowBuffers {
  private readonly free: RowBuffer[] = [];

  /** `keep`: buffers held while idle (one per call that can be in flight at once in the thread). */
  constructor(private readonly keep = 2) {}

  /** A buffer of at least `length` elements of the row type (its contents are stale). */
  take(rowType: RowType | undefined, length: number): RowBuffer {
    const wanted = rowType === 'float64' ? Float64Array : Float32Array;
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i];
      if (b instanceof wanted && b.length >= length && (best < 0 || b.length < this.free[best].length)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0];
    return newRows({ rowType }, length);
  }

  /** Hands a buffer back; the smallest is dropped when more than `keep` are idle. */
  give(buffer: RowBuffer): void {
    if (buffer.length === 0) return;
    this.free.push(buffer);
    if (this.free.length > this.keep) {
      let smallest = 0;
      for (let i = 1; i < this.free.length; i++) if (this.free[i].length < this.free[smallest].length) smallest = i;
      this.free.splice(smallest, 1);
    }
  }
}
