import { useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Session } from "../../../../shared/index.ts";
import { ScreenLink } from "../../components/route-link.tsx";
import { DOT } from "../../lib/dot-join.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { routeHash, useNavStore } from "../../stores/nav-store.ts";
import { SessionDot } from "../sessions/session-labels.tsx";
import { timeOrDayAndTime } from "../../lib/when.ts";
import { runTitleWithoutTime } from "../../../../shared/run-title.ts";

/**
 * One session of the sidebar's tree, a link to its screen: its state, its title, whether it is pinned, and
 * (`isTimed`: a job's runs, titled alike) when it was made. A run's title names its start time on the job's clock in
 * a fixed format; the row shows that time once, on the viewer's clock and in their locale (ADR 0308).
 */
export function SessionRow({ session, isTimed = false }: { session: Session; isTimed?: boolean }) {
  const hash = useNavStore((s) => s.hash);
  const route = { view: "session", id: session.id } as const;
  const title = session.title ?? session.name;
  return (
    <ScreenLink
      route={route}
      aria-current={hash === routeHash(route) ? "page" : undefined}
      className="flex min-h-11 w-full items-center mouse:min-h-10 gap-2 rounded-lg px-2 text-left text-sm hover:bg-stone-200/60 aria-[current=page]:bg-stone-200 dark:hover:bg-stone-800/60 dark:aria-[current=page]:bg-stone-800"
    >
      <SessionDot session={session} />
      <span className="min-w-0 flex-1 truncate">{isTimed ? (runTitleWithoutTime(title) ?? title) : title}</span>
      {isTimed ? <span className="shrink-0 text-xs text-stone-500">{timeOrDayAndTime(session.createdAt)}</span> : null}
      {session.isPinned ? <span aria-label="pinned" className="text-xs">📌</span> : null}
    </ScreenLink>
  );
}

/**
 * A job's runs: its latest run's session, and its earlier runs behind "N earlier runs" (open while one of them is the
 * page shown). The toggle says how many of them wait for you, so a folded run that needs an answer is not missed.
 */
export function JobRunsItem({ latest, earlier }: { latest: Session; earlier: Session[] }) {
  const hash = useNavStore((s) => s.hash);
  const [isOpen, setIsOpen] = useState(false);
  const waiting = useConversationsStore(useShallow((s) => Object.values(s.conversations).flatMap((c) => (c.status === "waiting" ? [c.sessionId as string] : []))));
  const waitingCount = earlier.filter((session) => waiting.includes(session.id)).length;
  const isShown = isOpen || earlier.some((session) => hash === `#/s/${session.id}`);
  const label = `${earlier.length} earlier ${earlier.length === 1 ? "run" : "runs"}`;
  const waitingText = waitingCount ? `${waitingCount} waiting for you` : null;
  return (
    <li>
      <SessionRow session={latest} isTimed />
      <button
        type="button"
        aria-expanded={isShown}
        aria-label={waitingText ? `${label} · ${waitingText}` : label}
        onClick={() => setIsOpen(!isShown)}
        className="flex min-h-11 w-full items-center gap-1 rounded-lg pl-6 pr-2 text-left text-xs text-stone-500 hover:bg-stone-200/60 mouse:min-h-8 dark:hover:bg-stone-800/60"
      >
        <span aria-hidden="true">{isShown ? "▾" : "▸"}</span>
        <span className="min-w-0 flex-1 truncate">
          {label}
          {waitingText ? <span className="text-amber-700 dark:text-amber-400">
              {DOT}
              {waitingText}
            </span> : null}
        </span>
      </button>
      {isShown ? (
        <ul aria-label={`Earlier runs of ${latest.title ?? latest.name}`} className="ml-4 border-l border-stone-200 pl-1 dark:border-stone-800">
          {earlier.map((session) => (
            <li key={session.id}>
              <SessionRow session={session} isTimed />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
