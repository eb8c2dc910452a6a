/**
 * Arrow keys through a list, as in a file manager: Down/Up move focus to the next/previous
 * item, Home/End to the ends; Enter then opens the focused item (the items are links or
 * buttons, which Enter activates natively). Attach to the list's container with onKeyDown.
 */
import type { KeyboardEvent } from 'react';

const KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

export function listKeys(itemSelector: string) {
  return (e: KeyboardEvent<HTMLElement>): void => {
    // Typing in a field inside the list (or a modified key) is not list navigation.
    if (!KEYS.has(e.key) || e.altKey || e.ctrlKey || e.metaKey || isTextField(e.target)) return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(itemSelector)];
    if (!items.length) return;
    const at = items.indexOf(document.activeElement as HTMLElement);
    const to = target(e.key, at, items.length);
    e.preventDefault();
    items[to]!.focus();
    items[to]!.scrollIntoView({ block: 'nearest' });
  };
}

function target(key: string, at: number, count: number): number {
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (at < 0) return 0;
  return key === 'ArrowDown' ? Math.min(at + 1, count - 1) : Math.max(at - 1, 0);
}

function isTextField(t: EventTarget): boolean {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
}
