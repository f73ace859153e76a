/**
 * Sizes of the workspace's three panels (palette, inspector, run panel) and whether each is
 * collapsed, remembered in localStorage so the workspace opens as the person left it.
 */
export type PanelId = 'left' | 'right' | 'bottom';

export interface PanelState {
  /** Width (left, right) or height (bottom) in CSS pixels. */
  size: number;
  collapsed: boolean;
}

export const PANEL_LIMITS: Record<PanelId, { min: number; max: number; initial: number }> = {
  left: { min: 160, max: 480, initial: 230 },
  right: { min: 220, max: 560, initial: 300 },
  bottom: { min: 120, max: 900, initial: 200 },
};

/** What each panel's splitter and button are called (English keys of t()). */
export const PANEL_NAMES: Record<PanelId, { resize: string; show: string; hide: string }> = {
  left: {
    resize: 'Resize the palette',
    show: 'Show the palette',
    hide: 'Hide the palette',
  },
  right: {
    resize: 'Resize the inspector',
    show: 'Show the inspector',
    hide: 'Hide the inspector',
  },
  bottom: {
    resize: 'Resize the run views',
    show: 'Show the run views',
    hide: 'Hide the run views',
  },
};

const KEY = 'streamlab.panels';

type Panels = Record<PanelId, PanelState>;

function defaults(): Panels {
  return {
    left: { size: PANEL_LIMITS.left.initial, collapsed: false },
    right: { size: PANEL_LIMITS.right.initial, collapsed: false },
    bottom: { size: initialBottom(), collapsed: false },
  };
}

/** The run views get more room on a tall screen: 200 px at 720 px high, 300 px at 1080. */
function initialBottom(): number {
  const h = typeof window === 'undefined' ? 720 : window.innerHeight;
  return Math.max(PANEL_LIMITS.bottom.initial, Math.round((h * 0.28) / 10) * 10);
}

/** The stored sizes, each checked: a damaged or old entry falls back to the default. */
function load(): Panels {
  const out = defaults();
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (raw === null || typeof raw !== 'object') return out;
    for (const id of Object.keys(out) as PanelId[]) {
      const p = (raw as Record<string, unknown>)[id] as Partial<PanelState> | undefined;
      if (typeof p?.size === 'number' && Number.isFinite(p.size)) out[id].size = clamp(id, p.size);
      if (typeof p?.collapsed === 'boolean') out[id].collapsed = p.collapsed;
    }
  } catch {
    // Storage blocked or unreadable: the defaults.
  }
  return out;
}

export function clamp(id: PanelId, size: number): number {
  const { min, max } = PANEL_LIMITS[id];
  return Math.round(Math.min(max, Math.max(min, size)));
}

export class PanelLayout {
  panels = $state<Panels>(load());
  /** The window's size, which bounds the panels so that the canvas keeps some room. */
  private viewport = $state({ width: 1280, height: 720 });

  constructor() {
    if (typeof window === 'undefined') return;
    const measure = () =>
      (this.viewport = { width: window.innerWidth, height: window.innerHeight });
    measure();
    window.addEventListener('resize', measure);
  }

  /** The largest size there is room for: the canvas keeps 360 px of width and 160 px of height. */
  max(id: PanelId): number {
    const { min, max } = PANEL_LIMITS[id];
    const room =
      id === 'bottom'
        ? this.viewport.height - 52 - 90 - 160
        : Math.floor((this.viewport.width - 360) / 2);
    return Math.max(min, Math.min(max, room));
  }

  /** The size on screen: 0 when collapsed, else the chosen size within the room there is. */
  shown(id: PanelId): number {
    const p = this.panels[id];
    return p.collapsed ? 0 : Math.min(p.size, this.max(id));
  }

  resize(id: PanelId, size: number): void {
    this.panels[id] = { size: clamp(id, Math.min(size, this.max(id))), collapsed: false };
    this.save();
  }

  toggle(id: PanelId): void {
    this.panels[id].collapsed = !this.panels[id].collapsed;
    this.save();
  }

  private save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify(this.panels));
    } catch {
      // Storage full or blocked: the layout is simply not remembered.
    }
  }
}
