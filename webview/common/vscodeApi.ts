/** The one handle a webview has on VS Code. */
export interface VsCodeApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

let api: VsCodeApi<unknown> | undefined;

export function vscodeApi<S>(): VsCodeApi<S> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<S>;
}
