/** What every explainer takes from the user's settings, defaulted once: the budget, seed 0, the identity link, the cancel. */
import type { ExplainSettings } from '../../../protocol/explainTypes';
import type { CancelToken } from '../batchModel';
import type { Link } from '../shapley/link';

export function runSettings(
  settings: ExplainSettings,
  env: { cancel?: CancelToken },
): { samples?: number; seed: number; link: Link; cancel?: CancelToken } {
  return { samples: settings.samples, seed: settings.seed ?? 0, link: settings.link ?? 'identity', cancel: env.cancel };
}
