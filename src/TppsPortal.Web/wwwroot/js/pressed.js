// A press on a button that the page moved away before the release still counts as a click on that button.
//
// Why: pressing a button takes focus from the field being typed in. The field's value then reaches the server, and
// the re-render can move the button before the release, about 100-150 ms later. Examples: a message that appears or
// disappears under the field, a dialog that shrinks. The browser then fires the click on the common ancestor of
// the press and the release, not on the button. The person saw "Simpan" pressed, and nothing happened.
//
// Rule: for a mouse or pen press, if the release lands outside the pressed button (the page moved it, the pointer
// did not move), the button is clicked. All of these must hold:
// - the pointer moved at most 10 px between press and release;
// - the release came within a second;
// - the button is still in the page and enabled.
// A press dragged away from the button is a cancel, as browsers treat it, and stays one. Touch is left alone: a
// tap's click goes to what is under the finger at the end, and a second click could press something else.
// See docs/forms.md.
(() => {
  'use strict';
  const SLOP_PX = 10;
  const MAX_MS = 1000;
  const CLICKABLE = 'button, [role="button"], a[href], input[type="submit"], input[type="button"]';
  let pressed = null;

  document.addEventListener('pointerdown', e => {
    pressed = null;
    if (e.button !== 0 || (e.pointerType !== 'mouse' && e.pointerType !== 'pen')) return;
    const target = e.target instanceof Element ? e.target.closest(CLICKABLE) : null;
    if (target) pressed = { target, x: e.clientX, y: e.clientY, at: performance.now() };
  }, true);

  document.addEventListener('pointerup', e => {
    const press = pressed;
    pressed = null;
    if (!press || e.button !== 0) return;
    const { target } = press;
    const releasedOnIt = e.target instanceof Node && target.contains(e.target);
    const still = Math.abs(e.clientX - press.x) <= SLOP_PX && Math.abs(e.clientY - press.y) <= SLOP_PX;
    const quick = performance.now() - press.at <= MAX_MS;
    if (releasedOnIt || !still || !quick || !target.isConnected || target.disabled || target.getAttribute('aria-disabled') === 'true') return;
    // The browser's own click goes to the common ancestor, where no button handler listens; this is the only one.
    setTimeout(() => target.click(), 0);
  }, true);
})();

// A key pressed on an app-bar menu before it existed is pressed again on the menu that took its place
// (Components/Shared/DormantMenu.razor, docs/memory.md decision 6): MudMenu opened from the keyboard puts the focus on
// its first item, as it would have, had it been there for the first press.
window.tppsPressKey = (selector, key) => {
  const target = document.querySelector(selector);
  if (target) target.dispatchEvent(new KeyboardEvent('keydown', { key, code: key === ' ' ? 'Space' : key, bubbles: true }));
};
