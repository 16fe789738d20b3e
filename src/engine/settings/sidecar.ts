/**
 * The sidecar `<model>.onnx.lens.json`: what Model Lens remembers per model. Pure (no vscode): reading
 * keeps every field that is right and names each one that is not; writing keeps what the user wrote.
 */
import type { ExplainChoices } from '../../protocol/messages';
import type { ImageSettings, TextSettings } from '../../protocol/explainTypes';
import { parseImageSettings } from '../../protocol/imageSettings';
import { parseSequenceSettings, type SequenceSettings } from '../../protocol/sequenceSettings';
import { parseTextSettings } from '../../protocol/textSettings';
import { choicesProblem, SIDECAR_CHOICE_FIELDS } from '../../protocol/validate';
import { DEFAULT_CHOICES } from './defaults';
import { editJsonFields } from './jsonEdit';

export interface Sidecar {
  choices: ExplainChoices;
  featureNames?: string[];
  classNames?: string[];
  labelColumn?: string;
  /** Binary models: the Evaluation tab's decision threshold. */
  threshold?: number;
  input?: string;
  /** How image files become the model's input, and what a hidden segment becomes. */
  image?: ImageSettings;
  /** How a sequence input is windowed and masked, and the values its other inputs hold. */
  sequence?: SequenceSettings;
  /** Text models: the tokenizer, the inputs' roles, the masker and the units. */
  text?: TextSettings;
  /** One line per problem, naming the file and the field. */
  problems: string[];
}

/** The fields the Explain form writes back (every other field is the user's and is kept). */
export const CHOICE_FIELDS = SIDECAR_CHOICE_FIELDS;
/** The fields the user writes (kept as written by the panel). */
export const OTHER_FIELDS = [
  'version',
  'featureNames',
  'classNames',
  'labelColumn',
  'threshold',
  'input',
  'image',
  'sequence',
  'text',
];

// The defaults live with the settings resolver.
export { DEFAULT_CHOICES };

/** Line and column of a character offset, for JSON syntax errors. */
function place(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** " at line L, column C" from a JSON.parse error: its offset, or the end of the text when the input ran out. */
function syntaxPlace(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : '';
  const m = /position (\d+)/.exec(message);
  if (m) return ` at ${place(text, Number(m[1]))}`;
  if (/end of JSON input/i.test(message)) return ` at ${place(text, text.trimEnd().length)} (the text ends early)`;
  return '';
}

export function parseSidecar(text: string, fileName: string): Sidecar {
  const problems: string[] = [];
  const out: Sidecar = { choices: { ...DEFAULT_CHOICES }, problems };
  if (text.trim() === '') return out;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    problems.push(`${fileName}: not valid JSON${syntaxPlace(text, e)}; using the defaults`);
    return out;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${fileName}: expected a JSON object; using the defaults`);
    return out;
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!CHOICE_FIELDS.includes(key) && !OTHER_FIELDS.includes(key))
      problems.push(`${fileName}: unknown field "${key}"`);
  }
  // Each choice is checked alone, so one bad field does not discard the others.
  for (const key of CHOICE_FIELDS) {
    if (obj[key] === undefined) continue;
    const trial = { ...out.choices, [key]: obj[key] };
    const problem = choicesProblem(trial);
    if (problem) problems.push(`${fileName}: field "${key}": ${problem}`);
    else out.choices = trial as ExplainChoices;
  }
  for (const key of ['featureNames', 'classNames'] as const) {
    const v = obj[key];
    if (v === undefined) continue;
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) out[key] = v as string[];
    else problems.push(`${fileName}: field "${key}" must be a list of strings`);
  }
  for (const key of ['labelColumn', 'input'] as const) {
    const v = obj[key];
    if (v === undefined) continue;
    if (typeof v === 'string') out[key] = v;
    else problems.push(`${fileName}: field "${key}" must be a string`);
  }
  if (obj.threshold !== undefined) {
    const t = obj.threshold;
    if (typeof t === 'number' && t >= 0 && t <= 1) out.threshold = t;
    else problems.push(`${fileName}: field "threshold" must be a probability from 0 to 1`);
  }
  if (obj.image !== undefined) {
    const parsed = parseImageSettings(obj.image);
    out.image = parsed.image;
    problems.push(...parsed.problems.map((p) => `${fileName}: ${p}`));
  }
  if (obj.sequence !== undefined) {
    const parsed = parseSequenceSettings(obj.sequence);
    out.sequence = parsed.sequence;
    problems.push(...parsed.problems.map((p) => `${fileName}: ${p}`));
  }
  if (obj.text !== undefined) {
    const parsed = parseTextSettings(obj.text);
    out.text = parsed.text;
    problems.push(...parsed.problems.map((p) => `${fileName}: ${p}`));
  }
  if (obj.version !== undefined && obj.version !== 1) problems.push(`${fileName}: field "version" must be 1`);
  return out;
}

/**
 * The sidecar's new text with these choices, keeping every other field the user wrote; undefined
 * when the existing text is not a JSON object (the user's file is never overwritten then). Only a choice
 * that differs from what the sidecar says (or, where it says nothing, from the default) is written.
 */
export function updateSidecarText(existing: string | undefined, choices: ExplainChoices): string | undefined {
  // A new sidecar holds every choice, so the user sees them all; an existing one changes only what changed.
  const values = choices as unknown as Record<string, unknown>;
  if (existing === undefined || existing.trim() === '')
    return updateSidecarFields(existing, Object.fromEntries(CHOICE_FIELDS.map((k) => [k, values[k]])));
  const changed = changedChoices(existing, choices);
  return changed && updateSidecarFields(existing, changed);
}

/** Whether any choice differs from what the sidecar says (or the default, where it says nothing). */
export function choicesChanged(existing: string | undefined, choices: ExplainChoices): boolean {
  return Object.keys(changedChoices(existing, choices) ?? {}).length > 0;
}

function changedChoices(existing: string | undefined, choices: ExplainChoices): Record<string, unknown> | undefined {
  const values = choices as unknown as Record<string, unknown>;
  const written = writtenObject(existing);
  if (written === undefined) return undefined;
  const defaults = DEFAULT_CHOICES as unknown as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const key of CHOICE_FIELDS) {
    const now = key in written ? written[key] : defaults[key];
    if (JSON.stringify(now) !== JSON.stringify(values[key] === '' ? undefined : values[key]))
      changed[key] = values[key];
  }
  return changed;
}

/** The Evaluation tab's label column and threshold written the same way (undefined removes a field). */
export function updateSidecarEvaluation(
  existing: string | undefined,
  e: { labelColumn?: string; threshold?: number | null },
): string | undefined {
  const fields: Record<string, unknown> = {};
  if ('labelColumn' in e) fields.labelColumn = e.labelColumn;
  if ('threshold' in e) fields.threshold = e.threshold ?? undefined;
  return updateSidecarFields(existing, fields);
}

/** The fields of the sidecar's text ({} when there is none), or undefined when it is not a JSON object. */
function writtenObject(existing: string | undefined): Record<string, unknown> | undefined {
  if (existing === undefined || existing.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(existing);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The sidecar's text with `fields` set (undefined or '' removes one), editing only those values in place. */
function updateSidecarFields(existing: string | undefined, fields: Record<string, unknown>): string | undefined {
  const written = writtenObject(existing);
  if (written === undefined) return undefined;
  const edits = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === '' ? undefined : v]));
  if (existing === undefined || existing.trim() === '') {
    const obj: Record<string, unknown> = { version: 1, ...edits };
    for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
    return JSON.stringify(obj, null, 2) + '\n';
  }
  return editJsonFields(existing, edits);
}
