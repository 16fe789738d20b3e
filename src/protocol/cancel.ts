/**
 * One cancel token type and one cancellation error for the engine, the protocol and the workers. The error's
 * message is the wire's "Cancelled", so a cancelled handler, a cancelled request and a webview agree on it.
 */

/** Structural cancel token: a vscode.CancellationToken satisfies it. */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: CancelToken = { isCancellationRequested: false };

/** The error text a cancelled request ends with on the wire. */
export const CANCELLED = 'Cancelled';

/** Thrown by cancelled work (an explanation, TreeSHAP, a layout) and by a cancelled request. */
export class CancelledError extends Error {
  readonly cancelled = true;
  constructor() {
    super(CANCELLED);
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancelToken | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}

/** A cancellation, whichever side it came from (a thrown CancelledError or the wire's message). */
export function isCancelled(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && e.message === CANCELLED);
}
