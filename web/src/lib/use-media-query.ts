import { useSyncExternalStore } from "react";

/** Whether a CSS media query matches now; re-renders when it changes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** The sidebar layout breakpoint (Tailwind `md`). */
export const DESKTOP_QUERY = "(min-width: 768px)";
/** A real keyboard is likely: Enter sends. On touch screens Enter makes a newline and the Send button sends. */
export const FINE_POINTER_QUERY = "(hover: hover) and (pointer: fine)";
