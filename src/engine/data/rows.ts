/** Row selections as users write them: "0-19", "3, 7, 10-12" (0-based, inclusive ranges). */
/** `clamp`: ranges stop at the last row (a folder of 12 pictures explained with the default 0-19). */
export function parseRows(spec: string, available: number, clamp = false): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new Error(`--rows: '${part.trim()}' is not a row or a range such as 0-19`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new Error(`--rows: the range ${a}-${b} runs backwards`);
    if (b >= available && !(clamp && a < available)) {
      throw new Error(`--rows: row ${b} is past the data's ${available} rows (rows count from 0)`);
    }
    for (let r = a; r <= Math.min(b, available - 1); r++) out.push(r);
  }
  return [...new Set(out)];
}
