import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";

/**
 * Renders `children` once this spot comes within `margin` px of the visible part of `root` (a scroll container), and
 * keeps them; until then a placeholder `placeholderHeight` tall. Lets a list of hundreds of heavy items (the session
 * diff's files, each fetching and diffing its sides) cost only what is looked at.
 */
export function WhenNear({ root, placeholderHeight, margin = 800, children }: { root: RefObject<HTMLElement | null>; placeholderHeight: number; margin?: number; children: ReactNode }) {
  const spot = useRef<HTMLDivElement>(null);
  // Without IntersectionObserver (old browsers, tests) everything renders at once.
  const [isNear, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const target = spot.current;
    if (isNear || !target) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { root: root.current, rootMargin: `${margin}px 0px` });
    observer.observe(target);
    return () => observer.disconnect();
  }, [isNear, root, margin]);
  if (isNear) return <>{children}</>;
  return <div ref={spot} style={{ height: placeholderHeight }} aria-hidden="true" />;
}
