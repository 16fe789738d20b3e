/** The data the self-contained HTML report carries as JSON and its page reads back. */
import type { Attribution, PartialDependence, PermutationImportance } from './attributionTypes';
import type { Evaluation, RulesResult } from './evaluationTypes';
import type { ImagePreview } from './explainTypes';

/** What the page reads back from `#report-data`. */
export interface ReportData {
  title: string;
  modelSummary: Record<string, unknown>;
  settings: Record<string, unknown>;
  attribution: Attribution;
  importance?: PermutationImportance;
  pdp: PartialDependence[];
  /** Image inputs: the explained pictures (PNG data URIs), drawn under their maps. */
  images?: ImagePreview[];
  /** The Evaluation tab's last results on the same model, drawn in an Evaluation section. */
  evaluation?: Evaluation;
  rules?: RulesResult;
}
