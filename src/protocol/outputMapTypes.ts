/** The model's whole output on the data, before any target reduces it: what the user picks a target or rows on. */

/** Values past this many are not sent: an output map is for looking at, not for exporting. */
export const OUTPUT_MAP_MAX_VALUES = 1 << 20;

export type OutputMap =
  /** The first explained picture's output after the batch axis (a probability map [1, H, W], a mask [C, H, W]). */
  | { kind: 'image'; file: string; output: string; dims: number[]; values: number[] }
  /**
   * A recording cut into chunks, the model run once on every chunk: `values[chunk * columns + column]`.
   * `chunks` names each (`hello.wav[0:512]`); with a WAV's sample rate the chunks read in seconds.
   */
  | {
      kind: 'sequence';
      output: string;
      columns: number;
      columnNames: string[];
      chunkLength: number;
      sampleRate?: number;
      chunks: string[];
      values: number[];
      /** Said beside the line: e.g. that recurrent state starts from zeros in every chunk. */
      notes: string[];
    };
