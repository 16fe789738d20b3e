/**
 * Batched model evaluation for the attribution methods: rows go to the model in large blocks
 * (thousands per call, one call costs a fixed ~50 us in onnxruntime), sized so one call takes about
 * a tenth of a second; cancellation is checked between calls, progress counted in model rows.
 */
import { throwIfCancelled, type BatchModel, type CancelToken, type RowBuffer } from './batchModel';
import { RowBuffers } from './rowBuffers';

export interface EvaluatorOptions {
  cancel?: CancelToken;
  /** Model rows evaluated so far, after every call. */
  onRows?: (rows: number) => void;
  /** Largest block in rows (default 32,768). */
  maxBlockRows?: number;
  /** Time one call should take, for cancellation within half a second (default 100 ms). */
  targetCallMs?: number;
  /** Where blocks of rows come from and go back to (shared by a thread's evaluators); the evaluator's own otherwise. */
  buffers?: RowBuffers;
}

type Fill = (start: number, count: number, into: RowBuffer) => void;
type Consume = (start: number, count: number, outputs: Float32Array | Float64Array) => void;

/** Input elements in one block at most (32 MB of float32), and in the first block before any timing. */
const BLOCK_ELEMENTS = 1 << 23;
const FIRST_BLOCK_ELEMENTS = 1 << 19;

export class BatchEvaluator {
  private rowsPerMs = 0;
  private evaluated = 0;
  private readonly buffers: RowBuffers;

  constructor(
    readonly model: BatchModel,
    private readonly options: EvaluatorOptions = {},
  ) {
    this.buffers = options.buffers ?? new RowBuffers();
  }

  get evaluations(): number {
    return this.evaluated;
  }

  /** Counts rows evaluated elsewhere for this explanation (the engine's evaluation workers). */
  countRows(rows: number): void {
    this.evaluated += rows;
    this.options.onRows?.(this.evaluated);
  }

  /** Rows per block: grows from a small first call to what fills `targetCallMs`. */
  blockRows(multipleOf = 1): number {
    const d = Math.max(1, this.model.features);
    // Wide rows (images) cap a block by its size in memory, and the first, untimed call starts small.
    const max = Math.min(
      this.options.maxBlockRows ?? 32768,
      this.model.maxBatch,
      Math.max(1, Math.floor(BLOCK_ELEMENTS / d)),
    );
    const want =
      this.rowsPerMs > 0
        ? this.rowsPerMs * (this.options.targetCallMs ?? 100)
        : Math.min(1024, FIRST_BLOCK_ELEMENTS / d);
    const rows = Math.max(1, Math.min(max, Math.floor(want)));
    if (multipleOf <= 1) return rows;
    // Whole groups of rows per block, even when one group is larger than the block wanted.
    return rows < multipleOf ? multipleOf : rows - (rows % multipleOf);
  }

  /** Evaluates n rows in blocks; `fill(start, count, into)` writes rows start..start+count-1. */
  async run(n: number, fill: Fill, groupRows = 1): Promise<Float64Array> {
    const c = this.model.columns;
    const out = new Float64Array(n * c);
    await this.each(n, fill, (start, _count, y) => out.set(y, start * c), groupRows);
    return out;
  }

  /** Like run, but hands each block's outputs to `consume` (e.g. to average them) instead of keeping them. */
  async each(n: number, fill: Fill, consume: Consume, groupRows = 1): Promise<void> {
    const m = this.model;
    // One buffer per call (calls may overlap while one awaits the model), reused from the last calls.
    let buffer = this.buffers.take(m.rowType, 0);
    try {
      for (let start = 0; start < n;) {
        // onnxruntime's run blocks the thread: let queued messages (a cancel) in between calls.
        await yieldToEvents();
        throwIfCancelled(this.options.cancel);
        const count = Math.min(n - start, this.blockRows(groupRows));
        if (buffer.length < count * m.features) {
          this.buffers.give(buffer);
          buffer = this.buffers.take(m.rowType, count * m.features);
        }
        const block = buffer.subarray(0, count * m.features);
        fill(start, count, block);
        const t0 = performance.now();
        const y = await m.evaluate(block, count);
        const ms = performance.now() - t0;
        if (ms > 0.5) this.rowsPerMs = this.rowsPerMs > 0 ? 0.5 * this.rowsPerMs + (0.5 * count) / ms : count / ms;
        else if (this.rowsPerMs === 0) this.rowsPerMs = count;
        if (y.length !== count * m.columns) {
          throw new Error(`the model returned ${y.length} values for ${count} rows of ${m.columns} columns`);
        }
        consume(start, count, y);
        start += count;
        this.evaluated += count;
        this.options.onRows?.(this.evaluated);
      }
    } finally {
      this.buffers.give(buffer);
    }
    throwIfCancelled(this.options.cancel);
  }

  /** Evaluates whole rows given as float64 values (explained rows, background rows). */
  evaluateRows(values: Float64Array, n: number): Promise<Float64Array> {
    const d = this.model.features;
    return this.run(n, (start, count, into) => {
      for (let i = 0; i < count * d; i++) into[i] = values[start * d + i];
    });
  }
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}
