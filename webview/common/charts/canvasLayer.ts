/** A canvas drawn at the data's own resolution under a chart's svg, shown at the chart's size (the browser scales it). */
import type { Selection } from 'd3';

interface Size {
  width: number;
  height: number;
}

export function canvasLayer(
  stack: Selection<HTMLDivElement, unknown, null, undefined>,
  className: string,
  pixels: Size,
  shown: Size,
): { canvas: Selection<HTMLCanvasElement, unknown, null, undefined>; ctx: CanvasRenderingContext2D | null } {
  const canvas = stack
    .insert<HTMLCanvasElement>('canvas', 'svg')
    .attr('class', className)
    .attr('width', pixels.width)
    .attr('height', pixels.height)
    .style('width', `${shown.width}px`)
    .style('height', `${shown.height}px`);
  return { canvas, ctx: canvas.node()!.getContext('2d') };
}
