/** Permutation importance (on a label column of the data) and partial dependence with ICE, run on request. */
import type { Selection } from 'd3';
import type { PartialDependence, PermutationImportance } from '../../src/protocol/attributionTypes';
import { chartSection, type ChartHandlers } from './charts';
import { importanceView, pdpView } from './model';
import type { Area } from './panelRender';
import { renderImportance, renderPdp } from './render/index';

export interface GlobalState {
  labelColumns: string[];
  label?: string;
  featureNames: string[];
  pdpFeature?: string;
  importance?: PermutationImportance;
  pdp?: PartialDependence;
  busy?: 'importance' | 'pdp';
}

export interface GlobalHandlers extends ChartHandlers {
  chooseLabel(label: string): void;
  choosePdpFeature(feature: string): void;
  runImportance(): void;
  runPdp(): void;
}

interface ChooseAndRun {
  label: string;
  selectId: string;
  selectDisabled: boolean;
  /** [value, text] pairs. */
  options: [string, string][];
  value?: string;
  choose(value: string): void;
  buttonId: string;
  buttonDisabled: boolean;
  buttonText: string;
  run(): void;
}

/** A labelled drop-down (what to run on) followed by the button that runs it. */
function chooseAndRun(bar: Selection<HTMLDivElement, unknown, null, undefined>, c: ChooseAndRun): void {
  const field = bar.append('label').attr('class', 'attr-inline');
  field.append('span').text(c.label);
  const select = field
    .append('select')
    .attr('id', c.selectId)
    .attr('disabled', c.selectDisabled ? true : null);
  select
    .selectAll('option')
    .data(c.options)
    .join('option')
    .attr('value', (d) => d[0])
    .text((d) => d[1]);
  if (c.value) select.property('value', c.value);
  select.on('change', () => c.choose(select.property('value') as string));
  bar
    .append('button')
    .attr('id', c.buttonId)
    .attr('type', 'button')
    .attr('disabled', c.buttonDisabled ? true : null)
    .text(c.buttonText)
    .on('click', c.run);
}

export function drawGlobalSection(
  results: Area,
  s: GlobalState,
  classIndex: number,
  width: number,
  h: GlobalHandlers,
): void {
  const section = results.append('section').attr('class', 'attr-chart').attr('id', 'section-global');
  section
    .append('div')
    .attr('class', 'attr-chart-head')
    .append('h3')
    .text('Permutation importance and partial dependence');
  const bar = section.append('div').attr('class', 'attr-bar');
  const labels = s.labelColumns.length ? s.labelColumns : [''];
  chooseAndRun(bar, {
    label: 'Label column',
    selectId: 'attr-label',
    selectDisabled: s.labelColumns.length === 0,
    options: labels.map((d): [string, string] => [d, d || 'no column besides the model inputs']),
    value: s.label,
    choose: h.chooseLabel,
    buttonId: 'attr-run-importance',
    buttonDisabled: !s.labelColumns.length || s.busy !== undefined,
    buttonText: s.busy === 'importance' ? 'Computing...' : 'Permutation importance',
    run: h.runImportance,
  });
  chooseAndRun(bar, {
    label: 'Feature',
    selectId: 'attr-pdp-feature',
    selectDisabled: false,
    options: s.featureNames.map((d): [string, string] => [d, d]),
    value: s.pdpFeature,
    choose: h.choosePdpFeature,
    buttonId: 'attr-run-pdp',
    buttonDisabled: s.busy !== undefined,
    buttonText: s.busy === 'pdp' ? 'Computing...' : 'Partial dependence',
    run: h.runPdp,
  });
  if (s.importance) {
    const pi = s.importance;
    renderImportance(
      chartSection(section, 'importance', `Permutation importance (${pi.metric})`, h),
      importanceView(pi),
      {
        width,
        height: 80 + 26 * Math.min(11, pi.feature_names.length),
      },
    );
  }
  if (s.pdp) {
    const pd = s.pdp;
    renderPdp(
      chartSection(section, 'pdp', `Partial dependence of ${pd.feature} (ICE lines)`, h),
      pdpView(pd, { classIndex: Math.min(classIndex, pd.average.length - 1) }),
      { width, height: 320 },
    );
  }
}
