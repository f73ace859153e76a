import type { AriaLabelConfig } from '@xyflow/svelte';
import { t } from '../../i18n';

/** The canvas library's own screen-reader texts, in the UI's language. */
export function flowAriaLabels(): Partial<AriaLabelConfig> {
  return {
    'node.a11yDescription.default': t(
      'Press enter or space to select a node. Press delete to remove it and escape to cancel.',
    ),
    'node.a11yDescription.keyboardDisabled': t(
      'Press enter or space to select a node. You can then use the arrow keys to move the node around. Press delete to remove it and escape to cancel.',
    ),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
      t('Moved selected node {{direction}}. New position, x: {{x}}, y: {{y}}', {
        direction: t(direction),
        x,
        y,
      }),
    'edge.a11yDescription.default': t(
      'Press enter or space to select an edge. You can then press delete to remove it or escape to cancel.',
    ),
    'controls.ariaLabel': t('Control Panel'),
    'controls.zoomIn.ariaLabel': t('Zoom In'),
    'controls.zoomOut.ariaLabel': t('Zoom Out'),
    'controls.fitView.ariaLabel': t('Fit View'),
    'controls.interactive.ariaLabel': t('Toggle Interactivity'),
    'minimap.ariaLabel': t('Mini Map'),
    'handle.ariaLabel': t('Handle'),
  };
}
