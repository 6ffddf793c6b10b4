import type { Locator } from "playwright-core";

/**
 * Whether the focused element's focus ring is drawn whole: it has one (an outline), and the outline, with its offset,
 * lies inside every box above it that clips what passes its padding edge (overflow other than visible). A tab row that
 * scrolls sideways cut the ring of the field in it to a sliver.
 * @example expect(await isFocusRingWhole(page.getByRole("textbox", { name: "New name for Terminal 1" }))).toBe(true);
 */
export function isFocusRingWhole(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    const style = getComputedStyle(el);
    if (el !== document.activeElement || style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0) return false;
    const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const box = el.getBoundingClientRect();
    const ring = { left: box.left - reach, top: box.top - reach, right: box.right + reach, bottom: box.bottom + reach };
    for (let clip = el.parentElement; clip; clip = clip.parentElement) {
      const { overflowX, overflowY } = getComputedStyle(clip);
      if (overflowX === "visible" && overflowY === "visible") continue;
      const outer = clip.getBoundingClientRect();
      const left = outer.left + clip.clientLeft;
      const top = outer.top + clip.clientTop;
      if (ring.left < left || ring.top < top || ring.right > left + clip.clientWidth || ring.bottom > top + clip.clientHeight) return false;
    }
    return true;
  });
}
