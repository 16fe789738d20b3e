/** The output map section under the form: the model's whole output on the data, to pick a target or rows on. */
import type { ExplainChoices } from '../../../src/protocol/messages';
import type { OutputMap } from '../../../src/protocol/outputMapTypes';
import type { Area } from '../panelRender';
import {
  choiceText,
  chunkLine,
  dragBox,
  elementChoice,
  mapPlane,
  regionChoice,
  rowsOf,
  toggleRow,
  type ImageOutputMap,
  type SequenceOutputMap,
} from './model';
import { mapScale, renderChunkLine, renderMapPicker } from './render';

export interface OutputMapHost {
  outputMap(choices: ExplainChoices): Promise<OutputMap>;
  /** The form's choices, or undefined (the form showed why). */
  choices(): ExplainChoices | undefined;
  field(id: string): string;
  setField(id: string, value: string): void;
  /** A field changed: the plan is estimated again. */
  changed(): void;
  error(message: string): void;
}

export function mountOutputMap(parent: Area, host: OutputMapHost): void {
  const section = parent.append('section').attr('class', 'attr-chart').attr('id', 'section-output-map');
  const head = section.append('div').attr('class', 'attr-chart-head');
  head.append('h3').text('Output map');
  const button = head
    .append('button')
    .attr('type', 'button')
    .attr('id', 'attr-output-map')
    .attr('title', 'Run the model once on the data and draw its whole output, to choose a target or rows on it')
    .text('Show output');
  const body = section.append('div').attr('id', 'output-map-body') as unknown as Area;
  body
    .append('p')
    .attr('class', 'hint')
    .text(
      'For detectors, segmenters and recordings: drag a box or click a cell for the Target, or click chunks for Rows.',
    );
  button.on('click', () => void show());

  async function show(): Promise<void> {
    const c = host.choices();
    if (!c) return;
    button.attr('disabled', true);
    try {
      const map = await host.outputMap(c);
      body.selectAll('*').remove();
      const width = Math.max(320, Math.min(900, ((section.node() as HTMLElement).clientWidth || 800) - 24));
      if (map.kind === 'image') drawImage(body, map, width, host);
      else drawSequence(body, map, width, host);
    } catch (e) {
      host.error(e instanceof Error ? e.message : String(e));
    } finally {
      button.attr('disabled', null);
    }
  }
}

function drawImage(body: Area, map: ImageOutputMap, width: number, host: OutputMapHost): void {
  const first = mapPlane(map, 0);
  if (!first) {
    body
      .append('p')
      .attr('class', 'hint')
      .text(
        `Output '${map.output}' is [${map.dims.join(', ')}]: no two spatial axes to draw; type element:I as the Target.`,
      );
    return;
  }
  body
    .append('p')
    .attr('class', 'hint')
    .text(
      `Output '${map.output}' [${map.dims.join(', ')}] for ${map.file.split(/[\\/]/).pop()}. Drag a box for a region's sum, or click one cell.`,
    );
  const controls = body.append('div').attr('class', 'ml-image-controls');
  const mapEl = body.append('div').attr('id', 'chart-output-map').node() as HTMLElement;
  const chosen = body.append('p').attr('class', 'hint').attr('id', 'output-map-choice');
  const draw = (channel: number) => {
    const plane = mapPlane(map, channel)!;
    const scale = mapScale(plane, width);
    renderMapPicker(mapEl, plane, scale, {
      picked: (from, to) => {
        const same = from.row === to.row && from.column === to.column;
        const c = same ? elementChoice(map, plane, from) : regionChoice(map, plane, dragBox(from, to));
        host.setField('attr-target', c.text);
        chosen.text(`Target ${c.text}: ${choiceText(c)}. Run to explain it.`);
        host.changed();
      },
    });
  };
  if (first.channels > 1) {
    const label = controls.append('label').attr('class', 'attr-inline');
    label.append('span').text('Channel');
    const sel = label.append('select').attr('id', 'output-map-channel');
    sel
      .selectAll('option')
      .data(Array.from({ length: first.channels }, (_, i) => i))
      .join('option')
      .attr('value', (i) => String(i))
      .text((i) => String(i));
    sel.on('change', function () {
      draw(Number((this as HTMLSelectElement).value));
    });
  }
  draw(0);
}

function drawSequence(body: Area, map: SequenceOutputMap, width: number, host: OutputMapHost): void {
  body
    .append('p')
    .attr('class', 'hint')
    .text(
      `Output '${map.output}' on each of the ${map.chunks.length} chunks of ${map.chunkLength} steps, the model run once per chunk.`,
    );
  for (const note of map.notes.filter((n) => /recurrent state/.test(n)))
    body.append('p').attr('class', 'notes').attr('id', 'output-map-note').text(note);
  const el = body.append('div').attr('id', 'chart-output-line').node() as HTMLElement;
  // The first click picks that chunk alone (the form's rows were not chosen on this line); later ones add or remove.
  let fresh = true;
  const draw = () => renderChunkLine(el, chunkLine(map, 0), width, pick, rowsOf(host.field('attr-rows')));
  const pick = (chunk: number) => {
    host.setField('attr-rows', fresh ? String(chunk) : toggleRow(host.field('attr-rows'), chunk));
    fresh = false;
    host.changed();
    draw();
  };
  draw();
}
