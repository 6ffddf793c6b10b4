import { vi } from "vitest";
import { DESKTOP_QUERY, FINE_POINTER_QUERY } from "../lib/use-media-query.ts";

/**
 * A screen `width` × `height` with a mouse (a desktop) or a touch screen (a phone), as the media queries, the window
 * and `screen` see it (jsdom has no layout: useHasRoomForPanels and useHasSidebar read these).
 * @example screenOf({ width: 844, height: 390, hasMouse: false }) // a phone turned sideways
 */
export function screenOf({ width, height, hasMouse }: { width: number; height: number; hasMouse: boolean }): void {
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: (query === DESKTOP_QUERY && width >= 768) || (query === FINE_POINTER_QUERY && hasMouse), media: query, addEventListener: () => {}, removeEventListener: () => {} }));
  vi.stubGlobal("innerWidth", width);
  vi.stubGlobal("innerHeight", height);
  vi.spyOn(window.screen, "width", "get").mockReturnValue(width);
  vi.spyOn(window.screen, "height", "get").mockReturnValue(height);
}
