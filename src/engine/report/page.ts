/** The one page shape of every HTML file and webview the extension writes: its CSP comes first in <head>. */

export interface HtmlPage {
  csp: string;
  /** Plain text: escaped here. */
  title: string;
  /** More <head> lines after the title (styles). */
  head?: string[];
  bodyClass?: string;
  body: string[];
}

export function htmlPage(page: HtmlPage): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${page.csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    '<meta name="generator" content="Model Lens">',
    `<title>${escapeHtml(page.title)}</title>`,
    ...(page.head ?? []),
    '</head>',
    page.bodyClass ? `<body class="${page.bodyClass}">` : '<body>',
    ...page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
