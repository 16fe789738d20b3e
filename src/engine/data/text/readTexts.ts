/**
 * The examples a text model is explained on: a .txt file (one per line), a .jsonl file (one JSON object or
 * string per line), a .json list, or a .csv file with a text column. Errors name the file, line and field.
 */
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { detectDelimiter } from '../csv';
import { DataError, looksNumeric } from '../table';

export interface TextExamples {
  texts: string[];
  /** Per example: its line in the file (1-based, as an editor counts), or its index in a .json list. */
  lines: number[];
  /** The column or field the texts came from (.csv, .jsonl, .json objects). */
  column?: string;
}

export function readTexts(bytes: Uint8Array, file: string, column?: string): TextExamples {
  const name = path.basename(file);
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const ext = path.extname(file).toLowerCase();
  let out: TextExamples;
  if (ext === '.txt') out = fromLines(text);
  else if (ext === '.jsonl' || ext === '.ndjson') out = fromJsonLines(text, name, column);
  else if (ext === '.json') out = fromJsonList(text, name, column);
  else if (ext === '.csv' || ext === '.tsv') out = fromCsv(text, name, column);
  else
    throw new DataError(
      name,
      'is not text data: a text model reads .txt (one example per line), .jsonl, .json or .csv',
    );
  if (out.texts.length === 0) throw new DataError(name, 'has no text to explain');
  return out;
}

function fromLines(text: string): TextExamples {
  const texts: string[] = [];
  const lines: number[] = [];
  // Blank lines separate nothing: they are skipped, and line numbers stay those of the file.
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    texts.push(line);
    lines.push(i + 1);
  });
  return { texts, lines };
}

/** The text field of one JSON object: the named one, "text", or the only string field. */
function fieldOf(obj: Record<string, unknown>, name: string, where: string, column?: string): string {
  const key =
    column ??
    ('text' in obj
      ? 'text'
      : singleKey(
          Object.keys(obj).filter((k) => typeof obj[k] === 'string'),
          name,
          where,
        ));
  const v = obj[key];
  if (v === undefined) throw new DataError(name, `${where}: has no field "${key}" (it has ${listKeys(obj)})`);
  if (typeof v !== 'string') throw new DataError(name, `${where}, field "${key}": is ${typeof v}, not text`);
  if (v.trim() === '') throw new DataError(name, `${where}, field "${key}": is empty`);
  return key;
}

function singleKey(keys: string[], name: string, where: string): string {
  if (keys.length === 1) return keys[0];
  throw new DataError(
    name,
    keys.length === 0
      ? `${where}: has no text field`
      : `${where}: has no "text" field and several text fields (${keys.join(', ')}); choose one with text.column`,
  );
}

const listKeys = (obj: Record<string, unknown>) =>
  Object.keys(obj)
    .map((k) => `"${k}"`)
    .join(', ') || 'no fields';

function fromValue(v: unknown, name: string, where: string, column?: string): { text: string; key?: string } {
  if (typeof v === 'string') {
    if (v.trim() === '') throw new DataError(name, `${where}: is empty`);
    return { text: v };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new DataError(name, `${where}: is not a JSON object or string`);
  }
  const obj = v as Record<string, unknown>;
  const key = fieldOf(obj, name, where, column);
  return { text: obj[key] as string, key };
}

function fromJsonLines(text: string, name: string, column?: string): TextExamples {
  const out: TextExamples = { texts: [], lines: [] };
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new DataError(name, `line ${i + 1}: is not JSON`);
    }
    const { text: t, key } = fromValue(v, name, `line ${i + 1}`, column ?? out.column);
    out.texts.push(t);
    out.lines.push(i + 1);
    out.column ??= key;
  });
  return out;
}

function fromJsonList(text: string, name: string, column?: string): TextExamples {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new DataError(name, 'is not JSON');
  }
  if (!Array.isArray(v)) throw new DataError(name, 'must hold a list of texts or objects');
  const out: TextExamples = { texts: [], lines: [] };
  v.forEach((item, i) => {
    const { text: t, key } = fromValue(item, name, `item ${i}`, column ?? out.column);
    out.texts.push(t);
    out.lines.push(i);
    out.column ??= key;
  });
  return out;
}

export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** A CSV's records with the line each starts on, ragged rows kept, so a message can name the line. */
export function csvRecords(text: string): CsvRecord[] {
  return parse(text, {
    delimiter: detectDelimiter(text),
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as CsvRecord[];
}

function fromCsv(text: string, name: string, column?: string): TextExamples {
  let records: CsvRecord[];
  try {
    records = csvRecords(text);
  } catch (e) {
    throw new DataError(name, `cannot be read as CSV (${e instanceof Error ? e.message : String(e)})`);
  }
  if (records.length < 2) throw new DataError(name, 'needs a header line and at least one row');
  const header = records[0].record.map((h) => h.trim());
  const body = records.slice(1);
  let j: number;
  if (column !== undefined) {
    j = header.indexOf(column);
    if (j < 0) throw new DataError(name, `has no column "${column}" (it has ${header.join(', ')})`);
  } else if (header.includes('text')) {
    j = header.indexOf('text');
  } else {
    const textual = header
      .map((_, k) => k)
      .filter((k) => body.some((r) => (r.record[k] ?? '').trim() !== '' && !looksNumeric(r.record[k] ?? '')));
    j = header.indexOf(
      singleKey(
        textual.map((k) => header[k]),
        name,
        'the header',
      ),
    );
  }
  const texts: string[] = [];
  const lines: number[] = [];
  for (const r of body) {
    const cell = r.record[j] ?? '';
    if (cell.trim() === '') throw new DataError(name, `line ${r.info.lines}, column "${header[j]}": is empty`);
    texts.push(cell);
    lines.push(r.info.lines);
  }
  return { texts, lines, column: header[j] };
}
