/** Checks messages from webviews before a handler sees them: a webview is untrusted input. */
import type { PanelRequests } from './messages';

type Validator = (params: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const emptyObject: Validator = (p) =>
  isObject(p) && Object.keys(p).length === 0 ? undefined : 'expected no parameters';

const panelValidators: { [K in keyof PanelRequests]: Validator } = {
  'panel/ready': emptyObject,
  'panel/runOnce': emptyObject,
};

export function validatePanelMessage(method: string, params: unknown): string | undefined {
  const v = (panelValidators as Record<string, Validator | undefined>)[method];
  if (!v) return `Unknown request '${method}'.`;
  const problem = v(params);
  return problem === undefined ? undefined : `Invalid '${method}' request: ${problem}.`;
}
