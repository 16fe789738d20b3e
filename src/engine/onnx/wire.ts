/**
 * Protobuf wire-level reading over protobufjs's Reader, with the field path kept for error messages,
 * wire-type checks, length checks against the enclosing message, and int64 -> number conversion.
 */
import protobuf from 'protobufjs';
import { OnnxReadError } from './types';

/** Wire types (protobuf encoding spec). */
export const WT = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;

const WT_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32', '6', '7'];
const MAX_WARNINGS = 50;

/** protobufjs hands int64 over as a number or as a {low, high} pair of 32-bit halves. */
export type LongLike = { low: number; high: number; unsigned: boolean } | number;

export class Wire {
  readonly r: protobuf.Reader;
  /** End of the message being decoded; nothing may be read past it. */
  limit: number;
  private readonly path: string[] = [];
  private suppressed = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly warnings: string[],
  ) {
    this.r = protobuf.Reader.create(bytes);
    this.limit = bytes.length;
  }

  where(): string {
    return this.path.join('.');
  }

  error(message: string): OnnxReadError {
    const where = this.where();
    return new OnnxReadError(`${message}${where ? ` at ${where}` : ''} (byte ${this.r.pos})`, where, this.r.pos);
  }

  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(`${this.where()}: ${message}`);
    else if (this.suppressed++ === 0) this.warnings.push('further warnings omitted');
  }

  /** Calls `onField` for every field of the message ending at `end`; the handler must consume the value. */
  fields(onField: (field: number, wireType: number) => void): void {
    const r = this.r;
    const end = this.limit;
    while (r.pos < end) {
      const tag = r.uint32();
      const field = tag >>> 3;
      if (field === 0) throw this.error('invalid field number 0');
      onField(field, tag & 7);
      if (r.pos > end) throw this.error('field runs past the end of its message');
    }
  }

  /** Decodes a length-delimited sub-message with `decode`, bounded by its length. */
  message<T>(wireType: number, label: string, decode: (start: number, end: number) => T): T {
    this.expect(wireType, WT.LEN, label);
    const length = this.r.uint32();
    const start = this.r.pos;
    const end = start + length;
    if (end > this.limit) throw this.error(this.overrun(label, length));
    const outer = this.limit;
    this.path.push(label);
    this.limit = end;
    const value = decode(start, end);
    if (this.r.pos !== end) throw this.error('sub-message did not end at its length');
    this.limit = outer;
    this.path.pop();
    return value;
  }

  /** Says "truncated" when the value would run past the end of the bytes, not just of its message. */
  private overrun(label: string, length: number): string {
    const end = this.r.pos + length;
    return end > this.bytes.length
      ? `truncated: ${label} needs ${length} bytes but the data ends ${this.bytes.length - this.r.pos} bytes later`
      : `${label}: length ${length} runs past the end of the enclosing message`;
  }

  expect(wireType: number, wanted: number, label: string): void {
    if (wireType !== wanted)
      throw this.error(`${label}: wire type ${WT_NAMES[wireType]} where ${WT_NAMES[wanted]} was expected`);
  }

  /** Length-delimited payload as a range (no copy). */
  range(wireType: number, label: string): { offset: number; length: number } {
    this.expect(wireType, WT.LEN, label);
    const length = this.r.uint32();
    const offset = this.r.pos;
    if (offset + length > this.limit) throw this.error(this.overrun(label, length));
    this.r.pos = offset + length;
    return { offset, length };
  }

  string(wireType: number, label: string): string {
    const { offset, length } = this.range(wireType, label);
    return length === 0 ? '' : decoder.decode(this.bytes.subarray(offset, offset + length));
  }

  int32(wireType: number, label: string): number {
    this.expect(wireType, WT.VARINT, label);
    return this.r.int32();
  }

  int64(wireType: number, label: string): number {
    this.expect(wireType, WT.VARINT, label);
    return this.toSafe(this.r.int64(), label);
  }

  float(wireType: number, label: string): number {
    this.expect(wireType, WT.I32, label);
    return this.r.float();
  }

  /** Repeated int64, packed or not: appends to `out`. */
  int64s(wireType: number, label: string, out: number[]): void {
    if (wireType === WT.VARINT) {
      out.push(this.toSafe(this.r.int64(), label));
      return;
    }
    const { offset, length } = this.range(wireType, label);
    const after = this.r.pos;
    const outer = this.limit;
    this.r.pos = offset;
    this.limit = offset + length;
    while (this.r.pos < this.limit) out.push(this.toSafe(this.r.int64(), label));
    if (this.r.pos !== this.limit) throw this.error(`${label}: packed varints overrun their length`);
    this.limit = outer;
    this.r.pos = after;
  }

  /** Repeated float, packed or not: appends to `out`. */
  floats(wireType: number, label: string, out: number[]): void {
    if (wireType === WT.I32) {
      out.push(this.r.float());
      return;
    }
    const { offset, length } = this.range(wireType, label);
    if (length % 4 !== 0) throw this.error(`${label}: packed floats of ${length} bytes (not a multiple of 4)`);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + offset, length);
    for (let k = 0; k < length; k += 4) out.push(view.getFloat32(k, true));
  }

  skip(wireType: number): void {
    if (wireType === WT.SGROUP || wireType === WT.EGROUP || wireType > 5)
      throw this.error(`unsupported wire type ${WT_NAMES[wireType]}`);
    this.r.skipType(wireType);
  }

  /** int64 -> number; values beyond 2^53 keep their approximate value and leave a warning. */
  private toSafe(v: LongLike, label: string): number {
    const n = typeof v === 'number' ? v : v.high * 4294967296 + (v.low >>> 0);
    if (!Number.isSafeInteger(n)) this.warn(`${label}: int64 ${n} is beyond 2^53 and lost precision`);
    return n;
  }
}

const decoder = new TextDecoder('utf-8');

/** An int64 from protobufjs (number or {low, high}) as an exact 64-bit two's-complement bigint. */
export function longToBigInt(v: LongLike): bigint {
  if (typeof v === 'number') return BigInt.asUintN(64, BigInt(Math.trunc(v)));
  return (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
}
