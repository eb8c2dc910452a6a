/**
 * Focus never falls back to the page body. An action often replaces the control that was
 * pressed (Install becomes Next, a confirmation closes, a form becomes its result); the browser
 * then drops focus to <body> and a keyboard user starts again from the top. When that happens,
 * focus moves to the first control in the nearest part of the page still there, or to that
 * part itself. Views that know better (a result, the next step) focus it first.
 */
const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Rows of virtualized lists come and go as they scroll: that is not an action's doing. */
const VIRTUAL = '.vlist, [role="feed"]';

export function installFocusRescue(doc: Document = document): () => void {
  const onFocusOut = (e: FocusEvent) => {
    if (e.relatedTarget) return;
    const lost = e.target as Element;
    if (lost.closest?.(VIRTUAL)) return;
    const ancestors: Element[] = [];
    for (let el = lost.parentElement; el && el !== doc.body; el = el.parentElement) ancestors.push(el);
    // After React has committed: only then is it known whether the control is gone.
    setTimeout(() => {
      if (lost.isConnected || (doc.activeElement && doc.activeElement !== doc.body)) return;
      const kept = ancestors.find((a) => a.isConnected);
      if (kept) rescue(kept);
    }, 0);
  };
  doc.addEventListener('focusout', onFocusOut);
  return () => doc.removeEventListener('focusout', onFocusOut);
}

function rescue(area: Element): void {
  const target = area.querySelector<HTMLElement>(FOCUSABLE);
  // Where the user is looking stays put: focus moves, the page does not scroll.
  if (target) return target.focus({ preventScroll: true });
  if (area instanceof HTMLElement) {
    if (area.tabIndex < 0 && !area.hasAttribute('tabindex')) area.setAttribute('tabindex', '-1');
    area.focus({ preventScroll: true });
  }
}
