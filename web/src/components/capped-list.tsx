import { useState } from "react";

/** How many rows a sidebar list shows before "Show N more": 200 sessions or conversations buried everything below them. */
export const SIDEBAR_ROWS = 12;

/**
 * The first `limit` of `items`, plus any `isKept` (the row on screen) wherever it sits; all of them once shown all.
 *
 * @example const list = useCappedList(conversations, (c) => c.id === selectedId);
 */
export function useCappedList<T>(items: T[], isKept: (item: T) => boolean, limit = SIDEBAR_ROWS) {
  const [isAll, setAll] = useState(false);
  const shown = isAll ? items : items.filter((item, index) => index < limit || isKept(item));
  return { shown, hidden: items.length - shown.length, isAll, canFold: isAll && items.length > limit, toggle: () => setAll(!isAll) };
}

const PLURALS = { session: "sessions", conversation: "conversations", repository: "repositories" } as const;

/** The last row of a capped list: "Show N more sessions", "Show fewer sessions" once all are shown; nothing when all fit. */
export function ShowMoreItem({ list, noun }: { list: ReturnType<typeof useCappedList>; noun: keyof typeof PLURALS }) {
  if (list.hidden === 0 && !list.canFold) return null;
  return (
    <li>
      <button
        type="button"
        aria-expanded={list.isAll}
        onClick={list.toggle}
        className="flex min-h-11 w-full items-center rounded-lg px-3 text-left text-xs text-stone-500 hover:bg-stone-200/60 dark:hover:bg-stone-800/60"
      >
        {list.isAll ? `Show fewer ${PLURALS[noun]}` : `Show ${list.hidden.toLocaleString("en-US")} more ${list.hidden === 1 ? noun : PLURALS[noun]}`}
      </button>
    </li>
  );
}
