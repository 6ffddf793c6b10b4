import { useSyncExternalStore } from "react";

/** Below this visible height (px, 32rem) a screen is short: a phone with its keyboard open, or turned sideways. */
const SHORT_HEIGHT = 512;

function subscribe(onChange: () => void): () => void {
  const vv = window.visualViewport;
  vv?.addEventListener("resize", onChange);
  window.addEventListener("resize", onChange);
  return () => {
    vv?.removeEventListener("resize", onChange);
    window.removeEventListener("resize", onChange);
  };
}

/**
 * Whether the part of the page the user sees is short; re-renders when it changes. It reads the visual viewport: iOS
 * (and Android with `resizes-visual`) leave the layout viewport, and so a `max-height` media query, as tall as the
 * screen while the keyboard covers half of it.
 */
export function useIsShortViewport(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => (window.visualViewport?.height ?? window.innerHeight) < SHORT_HEIGHT,
    () => false,
  );
}
