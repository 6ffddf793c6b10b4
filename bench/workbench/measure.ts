import type { Page } from "playwright-core";

/**
 * Clicks the button whose accessible text contains `buttonText` inside the list labelled `listLabel`, then counts
 * animation frames until an element matching `selector` contains `text`: the time a user waits between the click and
 * seeing the content, measured inside the page (no polling delay from the driver).
 */
export function clickUntilVisible(page: Page, args: { listLabel: string; buttonText: string; selector: string; text: string }): Promise<number> {
  return page.evaluate(async ({ listLabel, buttonText, selector, text }) => {
    const list = document.querySelector(`[aria-label="${listLabel}"]`);
    const button = [...(list?.querySelectorAll("button") ?? [])].find((b) => b.textContent?.includes(buttonText));
    if (!button) throw new Error(`no "${buttonText}" in ${listLabel}`);
    const started = performance.now();
    button.click();
    const deadline = started + 60_000;
    for (;;) {
      await new Promise(requestAnimationFrame);
      if ([...document.querySelectorAll(selector)].some((el) => el.textContent?.includes(text))) return performance.now() - started;
      if (performance.now() > deadline) throw new Error(`"${text}" never appeared in ${selector}`);
    }
  }, args);
}

/**
 * Scrolls the element matching `scroller` down by `pixels` every frame for `steps` frames (a fast fling), returns how
 * long each frame took (rAF to rAF), then jumps to the end and times until `selector` shows `lastText`.
 */
export function scrollThrough(page: Page, args: { scroller: string; steps: number; pixels: number; selector: string; lastText: string }) {
  return page.evaluate(async ({ scroller, steps, pixels, selector, lastText }) => {
    const el = document.querySelector(scroller);
    if (!el) throw new Error(`no ${scroller}`);
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 1; i <= steps; i++) {
      el.scrollTop += pixels;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    const started = performance.now();
    el.scrollTop = el.scrollHeight;
    for (;;) {
      await new Promise(requestAnimationFrame);
      if ([...document.querySelectorAll(selector)].some((node) => node.textContent?.includes(lastText))) break;
      if (performance.now() - started > 60_000) throw new Error(`"${lastText}" never appeared after scrolling`);
    }
    return { frames, toEndMs: performance.now() - started };
  }, args);
}

/** Frame durations while the page does nothing: the floor for the scroll figures. */
export function idleFrames(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < n; i++) {
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return frames;
  }, count);
}
