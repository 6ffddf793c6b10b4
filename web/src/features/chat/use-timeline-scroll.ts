import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { TimelineItem } from "../../protocol/conversation-view.ts";
import { itemKey } from "./timeline-model.ts";

const PIN_SLACK_PX = 80;
const LOAD_OLDER_PX = 600;
const INTENT_EVENTS = ["wheel", "touchmove", "keydown", "pointerdown"] as const;
const PIN_EVENT = "chatml:pin-timeline";

/** Scrolls the timeline to its end and keeps it there (e.g. after the user sends a message). */
export function pinTimeline(): void {
  window.dispatchEvent(new Event(PIN_EVENT));
}

/**
 * The timeline's virtualizer and scrolling: stays pinned to the bottom while content grows (unless the user scrolled
 * up), asks for older pages near the top, and keeps the first visible row in place when a page is prepended.
 * `isAwayFromEnd` says the reader is away from the newest rows (scrolled up, or sent to an older message).
 */
export function useTimelineScroll(rows: TimelineItem[], older: { hasOlder: boolean; loadOlder: () => Promise<void> }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const isPinned = useRef(true);
  const [isAwayFromEnd, setAwayFromEnd] = useState(false);
  const firstKey = useRef<string | null>(null);
  const olderRef = useRef(older);
  useEffect(() => {
    olderRef.current = older;
  }, [older]);
  // eslint-disable-next-line react-hooks/incompatible-library -- used directly in this hook, never memoized
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    overscan: 8,
    getItemKey: (index) => (rows[index] ? itemKey(rows[index]) : index),
    // A row that grows (a streaming answer) moves the rows after it and the container's height in the frame it grows,
    // written by the virtualizer itself: through a React render they lagged a frame, and the "Working" line below the
    // list was painted over the answer's last lines.
    directDomUpdates: true,
  });

  // A page was prepended: move down by the height of what was added so the reader stays where they were.
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const key = rows[0] ? itemKey(rows[0]) : null;
    const previous = firstKey.current;
    firstKey.current = key;
    if (!scroller || !previous || key === previous || isPinned.current) return;
    const index = rows.findIndex((r) => itemKey(r) === previous);
    const start = index > 0 ? virtualizer.getOffsetForIndex(index, "start")?.[0] : undefined;
    if (start) scroller.scrollTop += start;
  }, [rows, virtualizer]);

  useEffect(() => {
    const scroller = scrollRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return;
    const toBottom = () => {
      if (isPinned.current) scroller.scrollTop = scroller.scrollHeight;
    };
    const atBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < PIN_SLACK_PX;
    // Only the reader unpins (wheel, touch, keys): our own and the virtualizer's scroll corrections never do.
    const onIntent = () => requestAnimationFrame(() => (isPinned.current = atBottom()));
    const onScroll = () => {
      if (atBottom()) isPinned.current = true;
      setAwayFromEnd(!atBottom());
      const wantsOlder = !isPinned.current && scroller.scrollTop < LOAD_OLDER_PX;
      if (wantsOlder && olderRef.current.hasOlder) void olderRef.current.loadOlder();
    };
    const onPin = () => {
      isPinned.current = true;
      toBottom();
    };
    const observer = new ResizeObserver(toBottom);
    observer.observe(content);
    observer.observe(scroller);
    scroller.addEventListener("scroll", onScroll, { passive: true });
    for (const type of INTENT_EVENTS) scroller.addEventListener(type, onIntent, { passive: true });
    window.addEventListener(PIN_EVENT, onPin);
    toBottom();
    return () => {
      observer.disconnect();
      scroller.removeEventListener("scroll", onScroll);
      for (const type of INTENT_EVENTS) scroller.removeEventListener(type, onIntent);
      window.removeEventListener(PIN_EVENT, onPin);
    };
  }, []);

  /** Stops following the end (e.g. to show an older message); sending a message or scrolling down pins again. */
  const unpin = () => {
    isPinned.current = false;
  };
  /** The rows' container: the virtualizer sets its height itself (directDomUpdates). */
  const holdRows = useCallback((node: HTMLDivElement | null) => virtualizer.containerRef(node), [virtualizer]);
  return { scrollRef, contentRef, virtualizer, unpin, holdRows, isAwayFromEnd };
}
