/** What the picture, text and sequence kinds share: detection from the sidecar and a plan and run bound to the input. */
import type { ExplainSettings } from '../../protocol/explainTypes';
import type { GroupedJob } from '../explain/jobs/groupedJob';
import type { ModelFile } from '../explain/jobs/jobData';
import type { DetectedInput, InputKind, InputKindName } from './kind';

/** A kind's own reading of rows and of labelled predictions. */
export type KindReading = Pick<DetectedInput, 'rows' | 'predict'>;

/**
 * A kind explained over groups of its input's elements. `reason` says why rules and global importance have no
 * table features for it; `inputOf` finds its input in the model and sidecar; `reading` reads its rows and labels.
 */
export function groupedKind<I>(
  name: Exclude<InputKindName, 'table'>,
  reason: string,
  inputOf: (file: ModelFile, settings: ExplainSettings) => I | undefined,
  job: GroupedJob<I>,
  reading: (file: ModelFile, input: I) => KindReading,
): InputKind {
  return {
    name,
    detect(file, settings) {
      const input = inputOf(file, settings);
      if (!input) return undefined;
      return {
        kind: name,
        tableFeatures: { reason },
        plan: (env, s) => job.plan(env, file, input, s),
        // Reading pictures, texts and sequences is part of the run, as it always was.
        startRun: async (env, s) => () => job.run(env, file, input, s),
        ...reading(file, input),
      };
    },
  };
}
