/**
 * Window presets for CT in Hounsfield units, and the conversion between a window
 * (centre/width, PS3.3 C.11.2.1.2) and the value range a viewport shows.
 */

export interface Window {
  readonly center: number;
  readonly width: number;
}

export interface VoiRange {
  readonly lower: number;
  readonly upper: number;
}

export const CT_PRESETS = {
  brain: { center: 40, width: 80 },
  subdural: { center: 75, width: 215 },
  lung: { center: -600, width: 1500 },
  mediastinum: { center: 50, width: 350 },
  bone: { center: 480, width: 2500 },
  abdomen: { center: 40, width: 400 },
} as const satisfies Record<string, Window>;

export type CtPreset = keyof typeof CT_PRESETS;

/** The presets in the order of their keyboard keys 1..6. */
export const PRESET_ORDER: readonly CtPreset[] = ['brain', 'subdural', 'lung', 'mediastinum', 'bone', 'abdomen'];

/** The preset a number key (1-based) selects, if any. */
export function presetForKey(key: string): CtPreset | undefined {
  const n = Number.parseInt(key, 10);
  return String(n) === key && n >= 1 && n <= PRESET_ORDER.length ? PRESET_ORDER[n - 1] : undefined;
}

export function toRange(window: Window): VoiRange {
  const width = Math.max(1, window.width);
  return { lower: window.center - width / 2, upper: window.center + width / 2 };
}

export function toWindow(range: VoiRange): Window {
  return { center: (range.lower + range.upper) / 2, width: Math.max(1, range.upper - range.lower) };
}

/** The preset a window matches exactly, for showing which one is active. */
export function matchingPreset(window: Window): CtPreset | undefined {
  return PRESET_ORDER.find((p) => {
    const w = CT_PRESETS[p];
    return Math.abs(w.center - window.center) < 0.5 && Math.abs(w.width - window.width) < 0.5;
  });
}

/** A window as overlay text, e.g. "W 80 L 40". */
export function formatWindow(window: Window): string {
  return `W ${Math.round(window.width)} L ${Math.round(window.center)}`;
}
