/**
 * One RPC endpoint for every channel (host<->worker, host<->webview): requests carry an id and get
 * exactly one reply; notifications carry none. Imports neither vscode nor the DOM.
 */
import { CANCELLED, CancelledError, type CancelToken } from './cancel';

export { CANCELLED, CancelledError, type CancelToken };

export interface RequestMessage {
  kind: 'request';
  id: number;
  method: string;
  params: unknown;
}
export interface ResponseMessage {
  kind: 'response';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}
export interface CancelMessage {
  kind: 'cancel';
  id: number;
}
export interface NotificationMessage {
  kind: 'notification';
  method: string;
  params: unknown;
}
export type WireMessage = RequestMessage | ResponseMessage | CancelMessage | NotificationMessage;

/** What carries messages: a worker port, a webview, or window.postMessage. */
export interface Transport {
  post(message: WireMessage, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): { dispose(): void };
}

export interface RequestContext {
  /** Becomes true when the caller cancels or the endpoint is disposed. */
  token: CancelToken;
  /** Buffers to transfer (not copy) with the reply. */
  transfer: ArrayBuffer[];
}

type Method<M> = Extract<keyof M, string>;
type ParamsOf<M, K extends keyof M> = M[K] extends { params: infer P } ? P : never;
type ResultOf<M, K extends keyof M> = M[K] extends { result: infer R } ? R : never;

export type RequestMap = Record<string, { params: unknown; result: unknown }>;
export type NotificationMap = Record<string, unknown>;

export type Handler<M, K extends keyof M> = (
  params: ParamsOf<M, K>,
  context: RequestContext,
) => Promise<ResultOf<M, K>> | ResultOf<M, K>;

export class RpcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcError';
  }
}

/** A request ends in a CancelledError when cancelled (by either side) and in an RpcError otherwise. */
const failure = (message: string): Error => (message === CANCELLED ? new CancelledError() : new RpcError(message));

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * `In` are requests this side serves, `Out` requests it sends, `NIn`/`NOut` notifications.
 * `validate` checks incoming params before a handler sees them (webviews are untrusted).
 */
export class RpcEndpoint<
  In extends object,
  Out extends object,
  NIn extends object = Record<string, never>,
  NOut extends object = Record<string, never>,
> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly running = new Map<number, { isCancellationRequested: boolean }>();
  private readonly handlers = new Map<string, Handler<In, keyof In>>();
  private readonly listeners = new Map<string, Set<(params: unknown) => void>>();
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(
    private readonly transport: Transport,
    private readonly validate?: (method: string, params: unknown) => string | undefined,
  ) {
    this.subscription = transport.onMessage((m) => this.receive(m));
  }

  handle<K extends Method<In>>(method: K, handler: Handler<In, K>): void {
    this.handlers.set(method, handler as unknown as Handler<In, keyof In>);
  }

  on<K extends Method<NIn>>(method: K, listener: (params: NIn[K]) => void): { dispose(): void } {
    let set = this.listeners.get(method);
    if (!set) this.listeners.set(method, (set = new Set()));
    const l = listener as (params: unknown) => void;
    set.add(l);
    return { dispose: () => set.delete(l) };
  }

  notify<K extends Method<NOut>>(method: K, params: NOut[K], transfer?: ArrayBuffer[]): void {
    if (this.disposed) return;
    this.transport.post({ kind: 'notification', method, params }, transfer);
  }

  request<K extends Method<Out>>(
    method: K,
    params: ParamsOf<Out, K>,
    options: {
      token?: CancelToken & { onCancellationRequested?: (l: () => void) => unknown };
      transfer?: ArrayBuffer[];
    } = {},
  ): Promise<ResultOf<Out, K>> {
    if (this.disposed) return Promise.reject(new RpcError('The connection is closed.'));
    const id = this.nextId++;
    return new Promise<ResultOf<Out, K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const token = options.token;
      if (token?.isCancellationRequested) {
        this.pending.delete(id);
        reject(new CancelledError());
        return;
      }
      token?.onCancellationRequested?.(() => this.cancel(id));
      this.transport.post({ kind: 'request', id, method, params }, options.transfer);
    });
  }

  /** Rejects every waiting request and cancels every running handler. */
  dispose(reason = 'The connection is closed.'): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    for (const [, p] of this.pending) p.reject(failure(reason));
    this.pending.clear();
    for (const [, t] of this.running) t.isCancellationRequested = true;
    this.running.clear();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private cancel(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.reject(new CancelledError());
    if (!this.disposed) this.transport.post({ kind: 'cancel', id });
  }

  private receive(raw: unknown): void {
    if (this.disposed || !isWireMessage(raw)) return;
    switch (raw.kind) {
      case 'response': {
        const p = this.pending.get(raw.id);
        if (!p) return;
        this.pending.delete(raw.id);
        if (raw.ok) p.resolve(raw.result);
        else p.reject(failure(raw.error ?? 'Unknown error'));
        return;
      }
      case 'cancel': {
        const t = this.running.get(raw.id);
        if (t) t.isCancellationRequested = true;
        return;
      }
      case 'notification': {
        const set = this.listeners.get(raw.method);
        if (!set) return;
        if (this.validate?.(raw.method, raw.params) !== undefined) return;
        for (const l of set) l(raw.params);
        return;
      }
      case 'request':
        void this.serve(raw);
        return;
    }
  }

  private async serve(message: RequestMessage): Promise<void> {
    const reply = (r: Omit<ResponseMessage, 'kind' | 'id'>, transfer?: ArrayBuffer[]) => {
      if (!this.disposed) this.transport.post({ kind: 'response', id: message.id, ...r }, transfer);
    };
    const handler = this.handlers.get(message.method);
    if (!handler) return reply({ ok: false, error: `Unknown request '${message.method}'.` });
    const invalid = this.validate?.(message.method, message.params);
    if (invalid !== undefined) return reply({ ok: false, error: invalid });
    const token = { isCancellationRequested: false };
    this.running.set(message.id, token);
    const context: RequestContext = { token, transfer: [] };
    try {
      const result = await handler(message.params as never, context);
      if (token.isCancellationRequested) reply({ ok: false, error: CANCELLED });
      else reply({ ok: true, result }, context.transfer);
    } catch (e) {
      reply({ ok: false, error: token.isCancellationRequested ? CANCELLED : errorMessage(e) });
    } finally {
      this.running.delete(message.id);
    }
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

function isWireMessage(m: unknown): m is WireMessage {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  switch (r.kind) {
    case 'request':
      return typeof r.id === 'number' && typeof r.method === 'string';
    case 'response':
      return typeof r.id === 'number' && typeof r.ok === 'boolean';
    case 'cancel':
      return typeof r.id === 'number';
    case 'notification':
      return typeof r.method === 'string';
    default:
      return false;
  }
}
