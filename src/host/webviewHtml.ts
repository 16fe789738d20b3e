import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { htmlPage } from '../engine/report/page';

/** Only the built webview bundles and media/ may load into a webview. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: string, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${view}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${view}.css`));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data: blob:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return htmlPage({
    csp,
    title,
    head: [`<link rel="stylesheet" href="${style}">`],
    body: ['<main id="app" aria-live="polite"></main>', `<script nonce="${nonce}" src="${script}"></script>`],
  });
}
