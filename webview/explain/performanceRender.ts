/** d3 renderer of the Overview's Performance section: the fields, then latency per batch and time by operator. */
import type { Selection } from 'd3';
import { textTable } from '../common/textTable';
import type { PerformanceFields, PerformanceView } from './performanceModel';

type Root = Selection<HTMLElement, unknown, null, undefined>;

export function renderPerformanceForm(root: Root, fields: PerformanceFields, onProfile: () => void): void {
  root.selectAll('*').remove();
  root.append('h2').text('Performance');
  const form = root.append('div').attr('class', 'run-fields').attr('id', 'profile-fields');
  const field = (key: keyof PerformanceFields, label: string, placeholder = '') => {
    const l = form.append('label').attr('class', 'run-field');
    l.append('span').text(label);
    l.append('input')
      .attr('id', `profile-${key}`)
      .attr('type', 'text')
      .attr('placeholder', placeholder)
      .property('value', fields[key] ?? '');
  };
  field('batches', 'Batch sizes');
  field('threads', 'Threads');
  field('runs', 'Runs', 'auto: a quarter second a cell, 20 to 1,000');
  field('data', 'Data', 'generated from the shapes, or rows.csv / .npy beside the model');
  const actions = root.append('div').attr('class', 'actions');
  actions
    .append('vscode-button')
    .attr('id', 'profile-run')
    .text('Profile')
    .on('click', () => onProfile());
  actions
    .append('span')
    .attr('class', 'hint')
    .text("Latency after warm-up runs, and time per node from onnxruntime's profiler (shown on the Graph tab).");
  root.append('div').attr('id', 'profile-result').attr('aria-live', 'polite');
}

export function readPerformanceFields(root: Root): PerformanceFields {
  const value = (key: string) => String(root.select(`#profile-${key}`).property('value') ?? '');
  return { batches: value('batches'), threads: value('threads'), runs: value('runs'), data: value('data') };
}

export function renderPerformance(root: Root, view: PerformanceView | { error: string } | { busy: string }): void {
  const out = root.select<HTMLElement>('#profile-result');
  out.selectAll('*').remove();
  if ('error' in view) {
    out.append('div').attr('class', 'error').attr('role', 'alert').attr('id', 'profile-error').text(view.error);
    return;
  }
  if ('busy' in view) {
    out.append('p').attr('class', 'hint').attr('id', 'profile-busy').text(view.busy);
    return;
  }
  const cells = (row: string[]) => row;
  textTable(out, undefined, view.facts, cells).table.attr('id', 'profile-facts');
  const latencyHead = ['Batch', 'Threads', 'p50 ms', 'p90 ms', 'p99 ms', 'Rows/s'];
  textTable(out, latencyHead, view.batches, cells).table.attr('id', 'profile-latency');
  out.append('h3').text('Time by operator');
  textTable(out, undefined, view.ops, cells).table.attr('id', 'profile-ops');
}
