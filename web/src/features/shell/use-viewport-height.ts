import { useEffect } from "react";

/**
 * Mirrors the visual viewport into `--app-height` / `--app-top` so the layout (and the composer pinned to its
 * bottom) shrinks above the on-screen keyboard, which `100dvh` alone does not do on iOS.
 */
export function useViewportHeight(): void {
  useEffect(() => {
    const vv = window.visualViewport;
    if (!vv) return;
    const root = document.documentElement;
    const update = () => {
      root.style.setProperty("--app-height", `${vv.height}px`);
      root.style.setProperty("--app-top", `${vv.offsetTop}px`);
    };
    update();
    vv.addEventListener("resize", update);
    vv.addEventListener("scroll", update);
    return () => {
      vv.removeEventListener("resize", update);
      vv.removeEventListener("scroll", update);
    };
  }, []);
}
