/** How large the main map is drawn: fitted to the panel, or a whole number of screen pixels per input pixel. */

export type MapZoom = 'fit' | 1 | 2 | 4;

export const MAP_ZOOMS: readonly MapZoom[] = ['fit', 1, 2, 4];

/** A fitted map is at most this tall, so a square picture does not push everything else off screen. */
export const FIT_MAX_HEIGHT = 420;

export function zoomLabel(zoom: MapZoom): string {
  return zoom === 'fit' ? 'fit' : `${zoom}x`;
}

/**
 * Screen pixels per input pixel: `fit` fills the available width (keeping the aspect ratio, at most
 * FIT_MAX_HEIGHT tall); 1x, 2x and 4x are exact, and may be wider than the panel (the figure scrolls).
 */
export function mapZoomScale(width: number, height: number, zoom: MapZoom, available: number): number {
  if (zoom !== 'fit') return zoom;
  if (!(width > 0 && height > 0)) return 1;
  return Math.max(1e-3, Math.min(Math.max(1, available) / width, FIT_MAX_HEIGHT / height));
}

/** The input pixel under a point of the drawn map (its own pixels from its top-left corner), or none outside it. */
export function inputPixelAt(
  px: number,
  py: number,
  drawn: { width: number; height: number },
  input: { width: number; height: number },
): { x: number; y: number } | undefined {
  if (!(px >= 0 && py >= 0 && px < drawn.width && py < drawn.height)) return undefined;
  const x = Math.min(input.width - 1, Math.floor((px * input.width) / drawn.width));
  const y = Math.min(input.height - 1, Math.floor((py * input.height) / drawn.height));
  return { x, y };
}
