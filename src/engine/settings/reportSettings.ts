/** The settings block of the HTML report, the same from the panel's Save Report and the CLI's --html. */
import path from 'node:path';
import type { ExplainOutcome, ExplainSettings } from '../../protocol/explainTypes';
import { SETTINGS_DEFAULTS } from './defaults';

export function reportSettings(
  settings: ExplainSettings,
  outcome: Pick<ExplainOutcome, 'attribution' | 'background'>,
  runtime: string | undefined,
): Record<string, string | number> {
  return {
    method: outcome.attribution.method,
    data: settings.data ? path.basename(settings.data) : 'typed-in text',
    rows: settings.rows ?? `0-${outcome.attribution.rows.length - 1}`,
    seed: settings.seed ?? SETTINGS_DEFAULTS.seed,
    background: outcome.background,
    link: outcome.attribution.link,
    ...(runtime ? { runtime } : {}),
  };
}
