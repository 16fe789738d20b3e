/** Finds string literals that name .onnx files in source text. Pure: no vscode, tested in Node. */

export interface ModelRef {
  line: number;
  /** Start and end columns of the path inside the quotes. */
  start: number;
  end: number;
  path: string;
}

const STRING_WITH_ONNX = /(["'`])([^"'`\r\n]{1,1024}?\.onnx)\1/gi;
export const MAX_SCANNED_CHARS = 2_000_000;

export function findModelRefs(text: string): ModelRef[] {
  if (text.length > MAX_SCANNED_CHARS || !/\.onnx/i.test(text)) return [];
  const refs: ModelRef[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, line) => {
    if (!/\.onnx/i.test(lineText)) return;
    for (const m of lineText.matchAll(STRING_WITH_ONNX)) {
      const start = (m.index ?? 0) + 1;
      const path = m[2].trim();
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) continue; // URLs are not local files
      refs.push({ line, start, end: start + m[2].length, path });
    }
  });
  return refs;
}
