/** Which output columns an image explanation explains per row: the top classes, or one named class. */

export interface TargetChoice {
  /** The top `classes` columns of the row's prediction (default 1). */
  classes?: number;
  /** A class name from the column names, or a column index. */
  targetClass?: string | number;
}

export function chooseTargets(
  prediction: ArrayLike<number>,
  columnNames: readonly string[],
  choice: TargetChoice,
): number[] {
  const c = prediction.length;
  if (choice.targetClass !== undefined) return [classIndex(choice.targetClass, columnNames, c)];
  const k = Math.min(c, Math.max(1, choice.classes ?? 1));
  return Array.from({ length: c }, (_, j) => j)
    .sort((a, b) => prediction[b] - prediction[a] || a - b)
    .slice(0, k);
}

/** A class by name, else by index (a name that looks like a number is a name first). */
export function classIndex(target: string | number, columnNames: readonly string[], columns: number): number {
  if (typeof target === 'string') {
    const byName = columnNames.indexOf(target);
    if (byName >= 0) return byName;
    if (!/^\d+$/.test(target.trim())) {
      throw new Error(`class '${target}' is not one of the output's classes (${preview(columnNames)})`);
    }
  }
  const index = Number(target);
  if (!Number.isInteger(index) || index < 0 || index >= columns) {
    throw new Error(`class ${target} is outside the output's ${columns} columns (0-${columns - 1})`);
  }
  return index;
}

function preview(names: readonly string[]): string {
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ');
}
