/** Permutation importance (on a label column of the data) and partial dependence with ICE, run on request. */
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
  const labelField = bar.append('label').attr('class', 'attr-inline');
  labelField.append('span').text('Label column');
  const label = labelField
    .append('select')
    .attr('id', 'attr-label')
    .attr('disabled', s.labelColumns.length ? null : true);
  label
    .selectAll('option')
    .data(s.labelColumns.length ? s.labelColumns : [''])
    .join('option')
    .attr('value', (d) => d)
    .text((d) => d || 'no column besides the model inputs');
  if (s.label) label.property('value', s.label);
  label.on('change', () => h.chooseLabel(label.property('value') as string));
  bar
    .append('button')
    .attr('id', 'attr-run-importance')
    .attr('type', 'button')
    .attr('disabled', s.labelColumns.length && !s.busy ? null : true)
    .text(s.busy === 'importance' ? 'Computing...' : 'Permutation importance')
    .on('click', h.runImportance);
  const featureField = bar.append('label').attr('class', 'attr-inline');
  featureField.append('span').text('Feature');
  const feature = featureField.append('select').attr('id', 'attr-pdp-feature');
  feature
    .selectAll('option')
    .data(s.featureNames)
    .join('option')
    .attr('value', (d) => d)
    .text((d) => d);
  if (s.pdpFeature) feature.property('value', s.pdpFeature);
  feature.on('change', () => h.choosePdpFeature(feature.property('value') as string));
  bar
    .append('button')
    .attr('id', 'attr-run-pdp')
    .attr('type', 'button')
    .attr('disabled', s.busy ? true : null)
    .text(s.busy === 'pdp' ? 'Computing...' : 'Partial dependence')
    .on('click', h.runPdp);
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
