import type { KindGroup } from '../../pipeline/kinds';

/** Small glyphs per palette group; text, so they scale and need no icon font. */
export const GROUP_ICON: Record<KindGroup, string> = {
  source: '◉',
  transformation: 'ƒ',
  window: '▤',
  sink: '⤓',
};

export const GROUP_TITLE: Record<KindGroup, string> = {
  source: 'Sources',
  transformation: 'Transformations',
  window: 'Windows',
  sink: 'Sinks',
};

/** The MIME type of a palette item being dragged onto the canvas. */
export const PALETTE_MIME = 'application/x-streamlab-kind';
