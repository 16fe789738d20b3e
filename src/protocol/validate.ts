/** Checks messages from webviews before a handler sees them: a webview is untrusted input. */
import type { PanelRequests } from './messages';

type Validator = (params: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const emptyObject: Validator = (p) =>
  isObject(p) && Object.keys(p).length === 0 ? undefined : 'expected no parameters';

function isNumberMap(v: unknown, lo: number, hi: number): boolean {
  if (!isObject(v)) return false;
  const entries = Object.entries(v);
  return (
    entries.length <= 1000 &&
    entries.every(([k, n]) => k.length <= 256 && typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi)
  );
}

const MAX_EXPORT = 64 * 1024 * 1024;
const FORMATS = new Set(['svg', 'png', 'csv', 'json', 'html']);
const isShortString = (v: unknown, max = 4096) => typeof v === 'string' && v.length <= max;

const panelValidators: { [K in keyof PanelRequests]: Validator } = {
  'panel/ready': emptyObject,
  'panel/runOnce': (p) => {
    if (!isObject(p) || !isNumberMap(p.dimSizes, 1, 1 << 20) || !isNumberMap(p.fill, -1e15, 1e15)) {
      return 'expected { dimSizes, fill } mapping names to numbers';
    }
    return undefined;
  },
  'graph/index': emptyObject,
  'panel/summary': emptyObject,
  'graph/view': (p) => {
    if (!isObject(p) || !Array.isArray(p.expanded)) return 'expected { expanded: string[] }';
    if (p.expanded.length > 100_000 || !p.expanded.every((e) => isShortString(e)))
      return 'expanded must be a list of group ids';
    return undefined;
  },
  'graph/node': (p) => (isObject(p) && isShortString(p.id) ? undefined : 'expected { id: string }'),
  'panel/saveFile': (p) => {
    if (!isObject(p)) return 'expected an object';
    if (!isShortString(p.defaultName, 255) || /[\\/]|^\.\.?$/.test(p.defaultName as string))
      return 'defaultName must be a plain file name';
    if (!FORMATS.has(p.format as string)) return 'unknown format';
    const hasText = typeof p.text === 'string' && p.text.length <= MAX_EXPORT;
    const hasBase64 =
      typeof p.base64 === 'string' && p.base64.length <= MAX_EXPORT && /^[A-Za-z0-9+/=]*$/.test(p.base64);
    if (hasText === hasBase64) return 'expected exactly one of text or base64';
    return undefined;
  },
};

export function validatePanelMessage(method: string, params: unknown): string | undefined {
  const v = (panelValidators as Record<string, Validator | undefined>)[method];
  if (!v) return `Unknown request '${method}'.`;
  const problem = v(params);
  return problem === undefined ? undefined : `Invalid '${method}' request: ${problem}.`;
}
