/**
 * The hover's text about a model, as markdown (pure: no vscode, tested in Node). Everything in it that comes
 * from the model file (file, input and output names, types, dims) is escaped so that it renders as the same
 * plain text and can never become a link, an image, a command, HTML or a table cell of its own.
 */
import type { LoadedModel, ModelIo } from '../../protocol/messages';

/** Longest model-supplied string shown; names of megabytes would only hide the hover's point. */
const MAX_TEXT = 200;

/**
 * Markdown for `text` shown literally. CommonMark lets any ASCII punctuation be backslash-escaped, so every
 * one is: no emphasis, link, image, autolink (`http\:`, `www\.`), entity, HTML tag, code span or cell
 * separator can start. Line breaks become spaces (a table row is one line).
 */
export function escapeMarkdown(text: string): string {
  const shown = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return shown
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\p{Cc}/gu, '\uFFFD')
    .replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

const shapeText = (io: ModelIo) => (io.isTensor ? `[${io.shape.map((d) => (d === null ? '?' : d)).join(', ')}]` : '');

/** The model's name, size and a table of its inputs and outputs. */
export function hoverText(model: LoadedModel): string {
  const lines = [`**${escapeMarkdown(model.fileName)}** · ${(model.bytes / 1024).toFixed(1)} KB`, ''];
  const rows = (title: string, list: ModelIo[]) => {
    lines.push(`| ${title} | type | shape |`, '|---|---|---|');
    for (const io of list)
      lines.push(
        `| ${escapeMarkdown(io.name)} | ${escapeMarkdown(io.elementType)} | ${escapeMarkdown(shapeText(io))} |`,
      );
    lines.push('');
  };
  rows('inputs', model.inputs);
  rows('outputs', model.outputs);
  return lines.join('\n');
}

/** A command link's argument: JSON, percent-encoded including the parentheses that would end the link. */
export function commandArgs(args: unknown[]): string {
  return encodeURIComponent(JSON.stringify(args)).replace(
    /[()'!*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
