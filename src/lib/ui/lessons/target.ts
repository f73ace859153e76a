import { t } from '../../i18n';
import type { Highlight } from '../../lessons';

/** The screen areas a lesson can point at, by the data-lesson-area marks of the app's layout. */
const AREAS: Record<string, string> = {
  canvas: '[data-lesson-area="canvas"]',
  palette: '[data-lesson-area="palette"]',
  inspector: '[data-lesson-area="inspector"]',
  'run-bar': '[data-lesson-area="run-bar"], section.runbar',
  'run-panel': '[data-lesson-area="run-panel"]',
  header: '[data-lesson-area="header"]',
};

const ROLES: Record<string, string> = {
  button: 'button, [role="button"]',
  tab: '[role="tab"]',
  any: 'button, [role="button"], [role="tab"], select, input, [aria-label]',
};

function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element a highlight points at, outside the lesson panel; null when it is not on screen. */
export function findTarget(h: Highlight, root: ParentNode = document): Element | null {
  const outside = (el: Element) => !el.closest('.lesson-panel');
  if ('node' in h) return root.querySelector(`.svelte-flow__node[data-id="${CSS.escape(h.node)}"]`);
  if ('area' in h) return root.querySelector(AREAS[h.area]);
  if ('selector' in h) return [...root.querySelectorAll(h.selector)].find(outside) ?? null;
  const names = new Set([h.control, t(h.control)]);
  return (
    [...root.querySelectorAll(ROLES[h.role])].find(
      (el) => outside(el) && names.has(accessibleName(el)),
    ) ?? null
  );
}
