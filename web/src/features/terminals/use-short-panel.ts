import { useEffect, useState, type RefObject } from "react";

/**
 * Below this height (px) the Terminals panel is short: its rows of tabs, buttons and actions (~135 px) and the
 * terminal's least room would not both fit. A desktop's bottom panel in an 800×600 window gets ~235 px.
 */
const SHORT_PANEL_HEIGHT = 360;

/**
 * Whether the panel `ref` points at is short (see SHORT_PANEL_HEIGHT), as its layout gives it (a splitter, the
 * window): the panel's own height, not the viewport's, which a desktop's bottom panel takes only part of.
 */
export function useIsShortPanel(ref: RefObject<HTMLElement | null>): boolean {
  const [isShort, setShort] = useState(false);
  useEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const measure = () => setShort(panel.offsetHeight > 0 && panel.offsetHeight < SHORT_PANEL_HEIGHT);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(panel);
    return () => observer.disconnect();
  }, [ref]);
  return isShort;
}
