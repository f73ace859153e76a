/**
 * How the timeline marks a record's fate: one shape and colour per fate (the legend draws the
 * same), plus rings for a replay and a duplicate. Pure: paths only, the colours are CSS classes.
 */
import type { FateKind } from '../../engine/fates';
import { t } from '../../i18n';

/** Legend order: the usual fates first, the late ones next, then the rest. */
export const FATE_ORDER: FateKind[] = [
  'on-time',
  'delivered',
  'in-flight',
  'late-fired',
  'side-output',
  'late-dropped',
  'filtered',
  'error',
];

/** Short names for the legend, the counters and the inspector. */
export function fateLabel(f: FateKind | 'replayed' | 'duplicated'): string {
  switch (f) {
    case 'on-time':
      return t('on time');
    case 'delivered':
      return t('delivered');
    case 'in-flight':
      return t('waiting');
    case 'late-fired':
      return t('late, fired again');
    case 'side-output':
      return t('late side output');
    case 'late-dropped':
      return t('dropped as late');
    case 'filtered':
      return t('filtered');
    case 'error':
      return t('error');
    case 'replayed':
      return t('replayed');
    case 'duplicated':
      return t('duplicated');
  }
}

/** Fates drawn in the key's colour (the record made it, or may still); the others in their own. */
export const KEY_COLOURED = new Set<FateKind>(['on-time', 'delivered', 'in-flight']);

/** One decimal, as a short string (the timeline builds thousands of these per redraw). */
const n = (v: number) => String(Math.round(v * 10) / 10);

/** Per fate and radius: where the mark's path starts relative to its centre, and the rest of it. */
const SHAPES = new Map<string, { dx: number; dy: number; rest: string }>();

function shape(f: FateKind, r: number): { dx: number; dy: number; rest: string } {
  const id = `${f}|${r}`;
  let s = SHAPES.get(id);
  if (s) return s;
  switch (f) {
    case 'on-time':
    case 'in-flight':
      s = { dx: -r, dy: 0, rest: `a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0` };
      break;
    case 'delivered':
    case 'filtered':
    case 'error':
      s = { dx: -r, dy: -r, rest: `h${2 * r}v${2 * r}h${-2 * r}z` };
      break;
    case 'late-fired':
      s = { dx: 0, dy: -r - 1, rest: `l${r + 1},${2 * r + 1}h${-2 * r - 2}z` };
      break;
    case 'side-output':
      s = { dx: 0, dy: -r - 1, rest: `l${r + 1},${r + 1}l${-r - 1},${r + 1}l${-r - 1},${-r - 1}z` };
      break;
    case 'late-dropped':
      s = { dx: -r, dy: -r, rest: `l${2 * r},${2 * r}m0,${-2 * r}l${-2 * r},${2 * r}` };
      break;
  }
  SHAPES.set(id, s);
  return s;
}

/** An SVG path of the fate's mark centred on (x, y), radius about r. */
export function markPath(f: FateKind, x: number, y: number, r = 4.5): string {
  const s = shape(f, r);
  return `M${n(x + s.dx)},${n(y + s.dy)}${s.rest}`;
}

/** A ring around a mark (replayed: one, duplicated: a second, wider one). */
export function ringPath(x: number, y: number, r: number): string {
  return `M${n(x - r)},${n(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
}
