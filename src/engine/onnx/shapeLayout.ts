/** Shape rules for ops that move data without computing on it (Reshape, Concat, Gather, Slice...), with value folding for small integer vectors. */
import { attrInt, attrInts, attrTensor } from './attributes';
import { addDims, axisOf, broadcast, mulDims } from './shapeMath';
import { first, intsFrom, t, type Rule } from './shapeRule';
import type { Dim } from './types';

/** Reshape with a constant target: 0 copies the input dim (unless allowzero), -1 takes what is left. */
export const reshape: Rule = (ctx) => {
  const x = first(ctx);
  const target = ctx.inputs[1]?.values ?? attrInts(ctx.node, 'shape');
  if (!target) {
    const rank = ctx.inputs[1]?.shape?.[0];
    return [t(x.dtype, typeof rank === 'number' ? Array(rank).fill(null) : null)];
  }
  const allowZero = attrInt(ctx.node, 'allowzero', 0) === 1;
  const out: Dim[] = target.map((d, i) => (d === 0 && !allowZero ? (x.shape?.[i] ?? null) : d === -1 ? -1 : d));
  const hole = out.indexOf(-1);
  if (hole >= 0) {
    const total = x.shape ? mulDims(x.shape) : null;
    const rest = mulDims(out.filter((_, i) => i !== hole));
    out[hole] =
      typeof total === 'number' && typeof rest === 'number' && rest !== 0
        ? total / rest
        : total !== null && total === rest
          ? 1
          : null;
  }
  return [t(x.dtype, out)];
};

export const flatten: Rule = (ctx) => {
  const x = first(ctx);
  if (!x.shape) return [t(x.dtype, null)];
  const axis = attrInt(ctx.node, 'axis', 1);
  const a = axis < 0 ? axis + x.shape.length : axis;
  return [t(x.dtype, [mulDims(x.shape.slice(0, a)), mulDims(x.shape.slice(a))])];
};

export const transpose: Rule = (ctx) => {
  const x = first(ctx);
  if (!x.shape) return [t(x.dtype, null)];
  const perm = attrInts(ctx.node, 'perm') ?? x.shape.map((_, i) => x.shape!.length - 1 - i);
  return [
    t(
      x.dtype,
      perm.map((p) => x.shape![p] ?? null),
    ),
  ];
};

export const concat: Rule = (ctx) => {
  const shapes = ctx.inputs.map((i) => i.shape);
  const ref = shapes.find((s) => s !== null);
  const dtype = ctx.inputs.find((i) => i.dtype)?.dtype ?? null;
  if (!ref) return [t(dtype, null)];
  const axis = axisOf(attrInt(ctx.node, 'axis', 0), ref.length);
  if (axis === null) return [t(dtype, null)];
  const out = ref.map((d, i) => (i === axis ? shapes.reduce<Dim>((sum, s) => (s ? addDims(sum, s[i]) : null), 0) : d));
  const values =
    ref.length === 1 && ctx.inputs.every((i) => i.values) ? ctx.inputs.flatMap((i) => i.values!) : undefined;
  return [t(dtype, out, values)];
};

export const squeeze: Rule = (ctx) => {
  const x = first(ctx);
  if (!x.shape) return [t(x.dtype, null)];
  const axes = intsFrom(ctx, 'axes', 1);
  const rank = x.shape.length;
  const drop = new Set(
    axes ? axes.map((a) => (a < 0 ? a + rank : a)) : x.shape.flatMap((d, i) => (d === 1 ? [i] : [])),
  );
  if (!axes && x.shape.some((d) => typeof d !== 'number')) return [t(x.dtype, null)];
  return [
    t(
      x.dtype,
      x.shape.filter((_, i) => !drop.has(i)),
      rank <= 1 ? x.values : undefined,
    ),
  ];
};

export const unsqueeze: Rule = (ctx) => {
  const x = first(ctx);
  const axes = intsFrom(ctx, 'axes', 1);
  if (!x.shape || !axes) return [t(x.dtype, null)];
  const rank = x.shape.length + axes.length;
  const at = new Set(axes.map((a) => (a < 0 ? a + rank : a)));
  const out: Dim[] = [];
  for (let i = 0, k = 0; i < rank; i++) out.push(at.has(i) ? 1 : x.shape[k++]);
  return [t(x.dtype, out, x.shape.length <= 1 ? x.values : undefined)];
};

export const gather: Rule = (ctx) => {
  const [data, idx] = ctx.inputs;
  if (!data?.shape || !idx?.shape) return [t(data?.dtype ?? null, null)];
  const axis = axisOf(attrInt(ctx.node, 'axis', 0), data.shape.length);
  if (axis === null) return [t(data.dtype, null)];
  const out = [...data.shape.slice(0, axis), ...idx.shape, ...data.shape.slice(axis + 1)];
  let values: Dim[] | undefined;
  if (data.values && idx.values && data.shape.length === 1)
    values = idx.values.map((i) =>
      typeof i === 'number' ? (data.values![i < 0 ? i + data.values!.length : i] ?? null) : null,
    );
  return [t(data.dtype, out, values)];
};

export const shapeOf: Rule = (ctx) => {
  const x = first(ctx).shape;
  if (!x) return [t('int64', [null])];
  const r = x.length;
  const clamp = (v: number) => Math.min(r, Math.max(0, v < 0 ? v + r : v));
  const dims = x.slice(clamp(attrInt(ctx.node, 'start', 0)), clamp(attrInt(ctx.node, 'end', r)));
  return [t('int64', [dims.length], dims)];
};

export const constant: Rule = (ctx) => {
  const n = ctx.node;
  const tensor = attrTensor(n, 'value');
  if (tensor) return [t(tensor.dtype, [...tensor.dims], tensor.dims.length <= 1 ? tensor.smallValues : undefined)];
  const a = n.attributes[0];
  if (!a) return [];
  if (a.type === 'float') return [t('float32', [], [a.value])];
  if (a.type === 'int') return [t('int64', [], [a.value])];
  if (a.type === 'floats') return [t('float32', [a.value.length])];
  if (a.type === 'ints') return [t('int64', [a.value.length], a.value)];
  if (a.type === 'string') return [t('string', [])];
  if (a.type === 'strings') return [t('string', [a.value.length])];
  return [];
};

export const constantOfShape: Rule = (ctx) => {
  const v = ctx.inputs[0]?.values;
  return [
    t(
      attrTensor(ctx.node, 'value')?.dtype ?? 'float32',
      v ?? (typeof ctx.inputs[0]?.shape?.[0] === 'number' ? Array(ctx.inputs[0].shape[0]).fill(null) : null),
    ),
  ];
};

export const expand: Rule = (ctx) => {
  const v = ctx.inputs[1]?.values;
  return [t(first(ctx).dtype, v ? broadcast([first(ctx).shape, v]) : null)];
};

export const slice: Rule = (ctx) => {
  const x = first(ctx);
  if (!x.shape) return [t(x.dtype, null)];
  const starts = intsFrom(ctx, 'starts', 1);
  const ends = intsFrom(ctx, 'ends', 2);
  const rank = x.shape.length;
  if (!starts || !ends)
    return [
      t(
        x.dtype,
        x.shape.map(() => null),
      ),
    ];
  const axes = intsFrom(ctx, 'axes', 3) ?? starts.map((_, i) => i);
  const steps = intsFrom(ctx, 'steps', 4) ?? starts.map(() => 1);
  const out = [...x.shape];
  axes.forEach((axis, k) => {
    const a = axis < 0 ? axis + rank : axis;
    const d = x.shape![a];
    if (typeof d !== 'number') return void (out[a] = null);
    const step = steps[k] ?? 1;
    const clampIdx = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v < 0 ? v + d : v));
    const s = step > 0 ? clampIdx(starts[k], 0, d) : clampIdx(starts[k], -1, d - 1);
    const e = step > 0 ? clampIdx(ends[k], 0, d) : clampIdx(ends[k], -1, d - 1);
    out[a] = Math.max(0, Math.ceil((e - s) / step));
  });
  const values =
    rank === 1 && x.values && axes.length === 1 && steps[0] === 1 && typeof out[0] === 'number'
      ? x.values.slice(Math.max(0, starts[0] < 0 ? starts[0] + x.values.length : starts[0])).slice(0, out[0])
      : undefined;
  return [t(x.dtype, out, values)];
};

export const split: Rule = (ctx) => {
  const x = first(ctx);
  const n = ctx.node.outputs.length;
  if (!x.shape) return Array(n).fill(t(x.dtype, null));
  const axis = axisOf(attrInt(ctx.node, 'axis', 0), x.shape.length);
  if (axis === null) return [];
  const sizes = intsFrom(ctx, 'split', 1);
  const d = x.shape[axis];
  return Array.from({ length: n }, (_, i) => {
    const size = sizes
      ? sizes[i]
      : typeof d === 'number'
        ? i < n - 1 || d % n === 0
          ? Math.ceil(d / n)
          : d - Math.ceil(d / n) * (n - 1)
        : null;
    return t(
      x.dtype,
      x.shape!.map((v, k) => (k === axis ? (size ?? null) : v)),
    );
  });
};
