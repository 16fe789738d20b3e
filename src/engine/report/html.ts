/** The self-contained HTML report: data as inert JSON, the report bundle and its CSS inline, nothing fetched. */
import type { PartialDependence } from '../../protocol/attributionTypes';
import type { ReportData } from '../../protocol/reportTypes';
import { escapeHtml, htmlPage } from './page';

/** What a report is built from: the page's data, with one or several PDPs, and the page's script and styles. */
export interface ReportInput extends Omit<ReportData, 'pdp'> {
  pdp?: PartialDependence | PartialDependence[];
  /** The report page's bundle (dist/webview/report.js) and its styles (dist/webview/report.css). */
  scriptText: string;
  cssText: string;
}

export const REPORT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

export function buildReportHtml(input: ReportInput): string {
  const data: ReportData = {
    title: input.title,
    modelSummary: input.modelSummary,
    settings: input.settings,
    attribution: input.attribution,
    importance: input.importance,
    pdp: input.pdp === undefined ? [] : Array.isArray(input.pdp) ? input.pdp : [input.pdp],
    images: input.images,
    evaluation: input.evaluation,
    rules: input.rules,
  };
  return htmlPage({
    csp: REPORT_CSP,
    title: input.title,
    head: ['<style>', inlineStyle(input.cssText), '</style>'],
    bodyClass: 'ml-report',
    body: [
      `<main id="app"><h1>${escapeHtml(input.title)}</h1><noscript>This report draws its charts with JavaScript.</noscript></main>`,
      `<script type="application/json" id="report-data">${jsonForScript(data)}</script>`,
      '<script>',
      inlineScript(input.scriptText),
      '</script>',
    ],
  });
}

/** JSON that cannot end its <script> element: every <, > and & is a \u escape, as are the JS line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `</script` and `<!--` would end or confuse the script element (HTML script data state); `<\/` means the same to JS strings and regexes. */
export function inlineScript(js: string): string {
  return stripSourceMap(js)
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
}

/** `</style` would end the style element; `<\/` is the same character sequence to CSS. */
export function inlineStyle(css: string): string {
  return stripSourceMap(css).replace(/<\/(style)/gi, '<\\/$1');
}

/** A development build's source-map comment points at a file the report does not carry. */
function stripSourceMap(text: string): string {
  return text.replace(/\n?(?:\/\/[#@] sourceMappingURL=[^\n]*|\/\*[#@] sourceMappingURL=[^*]*\*\/)\s*$/, '\n');
}
