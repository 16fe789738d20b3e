// One CSV reader for texts and labelled texts: the line each record starts on must be the line in the file.

import assert from 'node:assert/strict';
import { csvRecords } from '../../../../src/engine/data/text/readTexts';

describe('csvRecords', () => {
  it('gives each record its starting line, with quoted newlines, blank lines, ragged rows and a BOM', () => {
    const lines = ['\uFEFFtext,label', '"one', 'two",a', '', 'three,b,extra', 'four'];
    const records = csvRecords(lines.join('\n'));
    assert.deepEqual(
      records.map((r) => r.record),
      [['text', 'label'], ['one\ntwo', 'a'], ['three', 'b', 'extra'], ['four']],
    );
    // info.lines counts the line a record ends on; a one-line record starts there too.
    const endLine = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    assert.deepEqual(
      records.map((r) => r.info.lines),
      [endLine('text,label'), endLine('two"'), endLine('three'), endLine('four')],
    );
  });

  it('reads semicolon-separated files by their delimiter', () => {
    const records = csvRecords('text;label\nhello, world;x\n');
    assert.deepEqual(records[1].record, ['hello, world', 'x']);
  });
});
