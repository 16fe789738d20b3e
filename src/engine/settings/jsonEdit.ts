/**
 * Sets and removes top-level fields of a JSON object's text in place, so a hand-written file keeps its key
 * order, indentation, spacing and every other field byte for byte. The text must already parse as JSON.
 */

interface Member {
  key: string;
  /** Where the key's opening quote is. */
  start: number;
  valueStart: number;
  valueEnd: number;
}

interface ObjectText {
  open: number;
  close: number;
  members: Member[];
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

/** The index just past the string starting at i (its opening quote). */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

/** The index just past the value starting at i. */
function valueEnd(text: string, i: number): number {
  if (text[i] === '"') return stringEnd(text, i);
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') j = stringEnd(text, j) - 1;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && text[j] !== ',' && text[j] !== '}' && !isSpace(text[j])) j++;
  return j;
}

function scan(text: string): ObjectText {
  const open = skipSpace(text, 0);
  const members: Member[] = [];
  let i = skipSpace(text, open + 1);
  while (text[i] === '"') {
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = valueEnd(text, valueStart);
    members.push({ key, start: i, valueStart, valueEnd: end });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return { open, close: i, members };
}

function setField(text: string, key: string, value: unknown): string {
  const { open, close, members } = scan(text);
  const json = JSON.stringify(value);
  // A key written twice is set in both places (JSON.parse keeps the last), from the end so offsets hold.
  const found = members.filter((m) => m.key === key).reverse();
  if (found.length > 0)
    return found.reduce((out, m) => out.slice(0, m.valueStart) + json + out.slice(m.valueEnd), text);
  const last = members[members.length - 1];
  if (!last) return `${text.slice(0, open + 1)}\n  ${JSON.stringify(key)}: ${json}\n${text.slice(close)}`;
  // A new field goes last, spaced as the last one is: the same line break and indent, the same colon spacing.
  const before = members.length > 1 ? text.slice(members[members.length - 2].valueEnd, last.start) : undefined;
  const lead = before?.replace(/^\s*,/, '') ?? text.slice(open + 1, last.start);
  const keyEnd = stringEnd(text, last.start);
  const colon = text.slice(keyEnd, last.valueStart);
  return `${text.slice(0, last.valueEnd)},${lead}${JSON.stringify(key)}${colon}${json}${text.slice(last.valueEnd)}`;
}

function removeField(text: string, key: string): string {
  const { open, close, members } = scan(text);
  const at = members.findIndex((m) => m.key === key);
  if (at < 0) return text;
  if (members.length === 1) return text.slice(0, open + 1) + text.slice(close);
  // The field goes with the comma and spacing before it (or, for the first, the ones after it).
  if (at > 0) return text.slice(0, members[at - 1].valueEnd) + text.slice(members[at].valueEnd);
  return text.slice(0, members[0].start) + text.slice(members[1].start);
}

/** `text` with each field set (undefined removes it); fields not named are left exactly as written. */
export function editJsonFields(text: string, fields: Record<string, unknown>): string {
  let out = text;
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) out = setField(out, key, value);
    // Removed until none is left: a key written twice goes twice.
    else for (let before = ''; before !== out;) [before, out] = [out, removeField(out, key)];
  }
  return out;
}
