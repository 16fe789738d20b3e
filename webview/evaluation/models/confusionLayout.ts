/**
 * Pure layout of the confusion matrix's labels: the cell size, the margins that make room for the class names,
 * row labels beside the rows and column labels wrapped onto up to two lines over the columns.
 */

/** The label cut to `chars` with an ellipsis (as the charts' clip). */
const clip = (label: string, chars: number) =>
  label.length > chars ? `${label.slice(0, Math.max(1, chars - 1))}…` : label;

/** Width of one label character in px at the chart's font size (an average, so labels are laid out in Node). */
export const CHAR_PX = 6.4;
/** Height of one line of a column label. */
export const LINE_PX = 12;
const MAX_LINES = 2;

export interface ConfusionLayout {
  size: number;
  margin: { top: number; left: number; right: number; bottom: number };
  /** The axis title's baseline (above the column labels). */
  axisTitleY: number;
  rowLabels: string[];
  /** Each class's lines, top to bottom. */
  columnLabels: string[][];
}

/** Breaks at spaces, underscores and hyphens into lines of at most `chars`, clipping what does not fit. */
export function wrapLabel(label: string, chars: number, maxLines = MAX_LINES): string[] {
  const words = label.split(/(?<=[\s_-])/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + w).trimEnd().length > chars) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += w;
  }
  if (line) lines.push(line.trimEnd());
  // A word longer than the line is clipped; lines past the last fold into it (and are clipped).
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept[maxLines - 1] = lines.slice(maxLines - 1).join(' ');
  return kept.map((l) => clip(l, chars));
}

export function confusionLayout(classes: readonly string[], width: number, height: number): ConfusionLayout {
  const k = Math.max(1, classes.length);
  const longest = Math.max(1, ...classes.map((c) => c.length));
  // Row labels take at most 40% of the width, so the cells keep the rest.
  const labelW = Math.min(180, 0.4 * width, 16 + CHAR_PX * longest);
  const rowChars = Math.floor((labelW - 8) / CHAR_PX);
  const place = (lines: number) => {
    // The axis title, then the column labels' lines, then the cells.
    const margin = { top: 46 + LINE_PX * lines, left: labelW + 22, right: 12, bottom: 8 };
    const size = Math.max(
      24,
      Math.min((width - margin.left - margin.right) / k, (height - margin.top - margin.bottom) / k),
    );
    const columnLabels = classes.map((c) => wrapLabel(c, Math.max(3, Math.floor((size - 4) / CHAR_PX))));
    return { margin, size, columnLabels };
  };
  let p = place(1);
  const lines = Math.max(1, ...p.columnLabels.map((l) => l.length));
  if (lines > 1) p = place(lines);
  return {
    size: p.size,
    margin: p.margin,
    axisTitleY: p.margin.top - 24 - LINE_PX * (lines - 1),
    rowLabels: classes.map((c) => clip(c, rowChars)),
    columnLabels: p.columnLabels,
  };
}
