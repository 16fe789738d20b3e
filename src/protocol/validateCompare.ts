/** Checks the comparison webview's requests before the host acts on them: a webview is untrusted input. */
import type { ComparePanelRequests } from './compareTypes';

type Validator = (params: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (p: Record<string, unknown>, keys: string[]) => Object.keys(p).find((k) => !keys.includes(k));
const empty: Validator = (p) => (isObject(p) && Object.keys(p).length === 0 ? undefined : 'expected no parameters');

const validators: { [K in keyof ComparePanelRequests]: Validator } = {
  'compare/ready': empty,
  'compare/pickData': empty,
  'compare/run': (p) => {
    if (!isObject(p)) return 'expected an object';
    const extra = only(p, ['data', 'label']);
    if (extra) return `unknown parameter '${extra}'`;
    if (typeof p.data !== 'string' || p.data.length === 0 || p.data.length > 1024) return 'data must be a file path';
    if (p.label !== undefined && (typeof p.label !== 'string' || p.label.length > 256))
      return 'label must be a column name';
    return undefined;
  },
  'compare/export': (p) =>
    isObject(p) && !only(p, ['format']) && (p.format === 'json' || p.format === 'html')
      ? undefined
      : "expected { format: 'json' | 'html' }",
};

export function validateCompareMessage(method: string, params: unknown): string | undefined {
  const v = (validators as Record<string, Validator | undefined>)[method];
  if (!v) return `Unknown request '${method}'.`;
  const problem = v(params);
  return problem === undefined ? undefined : `Invalid '${method}' request: ${problem}.`;
}
