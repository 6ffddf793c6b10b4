import { useEffect, type RefObject } from "react";

/**
 * Keeps the chosen tab of a tab row that scrolls sideways in view when the row's box changes size. The tab is scrolled
 * into view as it is chosen (TerminalTab), but the box narrows after that: on a phone a running Claude's fact beside
 * the tabs grows from "47×39" to "Medium effort", and the chosen tab, last in the row, was cut to "Clauc".
 * @example const listRef = useRef<HTMLDivElement>(null); useChosenTabInView(listRef);
 */
export function useChosenTabInView(listRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => list.querySelector('[role="tab"][aria-selected="true"]')?.scrollIntoView({ block: "nearest", inline: "nearest" }));
    observer.observe(list);
    return () => observer.disconnect();
  }, [listRef]);
}
