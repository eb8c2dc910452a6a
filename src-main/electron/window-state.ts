import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The window's size and place, remembered between launches in a small JSON file in
 * userData. Plain Node (no electron import) so it is testable: main.ts passes the displays.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Partial<Pick<Rect, 'x' | 'y'>> & Pick<Rect, 'width' | 'height'>;
  maximized: boolean;
}

const Saved = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().default(false),
});

export const DEFAULT_STATE: WindowState = { bounds: { width: 1280, height: 800 }, maximized: false };

/** Pixels of the saved window that must lie on some display for the position to be reused. */
const MIN_VISIBLE = 100;

/** The saved state, or the default; a position now off every display (a monitor unplugged) is dropped. */
export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let saved: z.infer<typeof Saved>;
  try {
    saved = Saved.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return DEFAULT_STATE;
  }
  const { maximized, ...rect } = saved;
  const visible = workAreas.some((a) => overlap(rect, a) >= MIN_VISIBLE);
  return {
    bounds: visible ? rect : { width: rect.width, height: rect.height },
    maximized,
  };
}

export function saveWindowState(file: string, bounds: Rect, maximized: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ ...roundRect(bounds), maximized }) + '\n');
  fs.renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return Math.min(Math.max(0, w), Math.max(0, h));
}

function roundRect(r: Rect): Rect {
  return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
}
