import type * as vscode from 'vscode';
import type { Transport } from '../protocol/endpoint';

/** Webviews receive JSON-cloned messages; typed arrays are sent as plain arrays by the callers. */
export function webviewTransport(webview: vscode.Webview): Transport {
  return {
    post(message) {
      void webview.postMessage(message);
    },
    onMessage(listener) {
      return webview.onDidReceiveMessage(listener);
    },
  };
}
