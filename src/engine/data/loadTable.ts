/** One entry point for data files: the extension picks the reader. */

import { parseCsv, type CsvOptions } from './csv';
import { parseJsonTable } from './json';
import { parseNpy } from './npy';
import { DataError, type Table } from './table';

export type LoadOptions = CsvOptions;

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

function asText(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data);
}

/** `fileName` picks the format (.csv, .tsv, .txt, .json, .npy) and names the file in errors (base name only). */
export function loadTable(data: Uint8Array | string, fileName: string, options: LoadOptions = {}): Table {
  const name = baseName(fileName);
  const ext = name.toLowerCase().split('.').pop() ?? '';
  switch (ext) {
    case 'csv':
    case 'txt':
      return parseCsv(asText(data), name, options);
    case 'tsv':
      return parseCsv(asText(data), name, { delimiter: '\t', ...options });
    case 'json':
      return parseJsonTable(asText(data), name, options);
    case 'npy':
      if (typeof data === 'string') throw new DataError(name, 'a .npy file must be given as bytes');
      return parseNpy(data, name, options);
    default:
      throw new DataError(name, 'has an unknown extension; use .csv, .tsv, .json or .npy');
  }
}
