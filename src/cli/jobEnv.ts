/** The CLI's job environment: files from disk, onnxruntime in this process (a terminal may block), progress on stderr. */
import { diskFolders } from '../engine/data/listDir';
import { readGuarded } from '../engine/data/readGuard';
import type { JobEnvironment } from '../engine/explain/jobs/jobData';
import type { InferenceBackend } from '../engine/runtime/backend';
import { createEvalPool } from '../engine/worker/evalPool';
import { openModel } from '../engine/runtime/ortOpen';
import { SessionCache } from '../engine/runtime/sessionCache';
import {
  BACKEND_CHOICES,
  DEFAULT_RUNTIME,
  runtimeOptions,
  type RuntimeOptions,
} from '../engine/runtime/runtimeOptions';
import { describeRuntime } from '../protocol/runtimeLine';
import type { CliIo } from './io';

/** Which onnxruntime and execution providers the --backend and --providers flags ask for. */
export function runtimeFlags(values: { backend?: unknown; providers?: unknown }): RuntimeOptions {
  const backend = oneOf(values.backend as string | undefined, 'backend', BACKEND_CHOICES) ?? 'auto';
  const providers = typeof values.providers === 'string' ? values.providers.split(',') : ['cpu'];
  return runtimeOptions(backend, providers);
}

export function cliEnvironment(
  io: CliIo,
  showProgress: boolean,
  runtime: RuntimeOptions = DEFAULT_RUNTIME,
): JobEnvironment & { close(): Promise<void>; runtimeLine(): string | undefined } {
  const told = new Set<string>();
  let lastShown = 0;
  const pool = createEvalPool(__dirname, runtime);
  // A command opens a model or two (compare); none is closed before the command ends.
  const sessions = new SessionCache((modelPath) => openModel(modelPath, runtime).then(tell), 8);
  /** The terminal's log line: which onnxruntime runs the model, said when anything but the default ran. */
  function tell(backend: InferenceBackend): InferenceBackend {
    const r = backend.runtime;
    if (!r) return backend;
    const line = describeRuntime(r);
    const usual = r.backend === 'native' && r.provider === 'cpu' && r.reason === 'default' && !r.notes.length;
    if (!usual && !told.has(line)) io.stderr(`runtime: ${line}`);
    told.add(line);
    return backend;
  }
  return {
    pool,
    readFile: (file) => readGuarded(file),
    folders: diskFolders,
    backend: (modelPath) => sessions.backend(modelPath),
    progress: (done, total, eta) => {
      const now = performance.now();
      if (!showProgress || (now - lastShown < 1000 && done < total)) return;
      lastShown = now;
      const pct = Math.round((100 * done) / Math.max(1, total));
      io.stderr(
        `progress: ${pct}% (${done} of ${total} model rows)${eta !== undefined ? `, about ${eta.toFixed(0)} s left` : ''}`,
      );
    },
    /** Where the models ran, for the report (undefined when none ran: tree explanations). */
    runtimeLine: () => (told.size ? [...told].join(' | ') : undefined),
    async close() {
      await sessions.disposeAll();
      await pool.dispose();
    },
  };
}

export function intOption(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be a whole number of at least ${min}, not '${text}'`);
  return n;
}

export function oneOf<T extends string>(text: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text))
    throw new Error(`--${name} must be one of ${allowed.join(', ')}, not '${text}'`);
  return text as T;
}
