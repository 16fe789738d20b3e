/**
 * The one cache of open onnxruntime sessions, by model file: reopened when the file changes (size or
 * modification time), the least recently used closed beyond `keep`. The engine worker's explanations and
 * model view, and the CLI, all open models through it, so one file is held in memory once.
 */
import { stat } from 'node:fs/promises';
import type { InferenceBackend } from './backend';
import { describeLoadError } from './loadErrors';

interface Session {
  key: string;
  backend: Promise<InferenceBackend>;
}

export class SessionCache {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly open: (modelPath: string) => Promise<InferenceBackend>,
    /** Sessions kept open at once (each holds a model's weights). */
    private readonly keep = 2,
  ) {}

  /** The model's session, opened if it is not open or its file changed since. */
  async backend(modelPath: string): Promise<InferenceBackend> {
    const info = await stat(modelPath).catch(() => undefined);
    const name = modelPath.split(/[\\/]/).pop() ?? modelPath;
    if (!info) throw new Error(`${name}: the model file cannot be read (does it still exist?)`);
    if (info.size === 0) throw new Error(describeLoadError(name, 0, undefined));
    const key = `${info.size}:${info.mtimeMs}`;
    const open = this.sessions.get(modelPath);
    if (open && open.key === key) {
      // Most recently used last.
      this.sessions.delete(modelPath);
      this.sessions.set(modelPath, open);
      return open.backend;
    }
    if (open) this.close(modelPath, open);
    const backend = this.open(modelPath).catch((e: unknown) => {
      if (this.sessions.get(modelPath)?.backend === backend) this.sessions.delete(modelPath);
      throw new Error(describeLoadError(name, info.size, e));
    });
    this.sessions.set(modelPath, { key, backend });
    while (this.sessions.size > this.keep) {
      const [oldest, s] = this.sessions.entries().next().value as [string, Session];
      this.close(oldest, s);
    }
    return backend;
  }

  private close(modelPath: string, s: Session): void {
    this.sessions.delete(modelPath);
    void s.backend.then((b) => b.dispose()).catch(() => undefined);
  }

  async disposeAll(): Promise<void> {
    const all = [...this.sessions];
    this.sessions.clear();
    await Promise.all(all.map(([, s]) => s.backend.then((b) => b.dispose()).catch(() => undefined)));
  }
}
