import { useEffect, useState } from "react";
import type { ConversationId, GoalId, RunId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { ApiError } from "../../lib/http.ts";
import { jobsApi } from "../../lib/jobs-api.ts";
import { malformedTarget, type Route } from "../../stores/nav-store.ts";
import { conversationTitle } from "../../lib/shown-title.ts";

/** What the server says of a tab's conversation, goal or run: its name, or that it does not exist. */
export type TabTarget = { title?: string; isMissing: boolean };

/** The one item a tab names, read from the server (undefined for a route that names none of these). */
function readTarget(route: Route): Promise<string | undefined> | undefined {
  if (route.view === "conversation") return api.conversation(route.id as ConversationId).then((answer) => conversationTitle(answer.conversation) || undefined);
  if (route.view === "goal") return jobsApi.goal(route.id as GoalId).then((answer) => answer.goal.title);
  if (route.view === "run") return jobsApi.run(route.id as RunId).then((answer) => `Run: ${answer.run.jobName}`);
  return undefined;
}

/**
 * A tab's conversation, goal or run that the page's lists do not hold (`shouldAsk`, once they have loaded): the lists
 * may be partial (a job's older runs, a conversation of a session not listed), so the server is asked for the one id —
 * a 404 makes the tab say "Missing …" instead of "…" for good; an answer gives its name.
 */
export function useTabTarget(route: Route, shouldAsk: boolean): TabTarget {
  const [answer, setAnswer] = useState<{ key: string; target: TabTarget } | null>(null);
  // An id that cannot name one is missing without asking (the server would refuse its shape, not say "not found").
  const key = shouldAsk && !malformedTarget(route) ? `${route.view}:${"id" in route ? route.id : ""}` : null;
  useEffect(() => {
    const read = key ? readTarget(route) : undefined;
    if (!key || !read) return;
    let isCurrent = true;
    read
      .then((title) => isCurrent && setAnswer({ key, target: { title, isMissing: false } }))
      // Anything but a 404 (offline, signed out) leaves the tab as it was: it does not claim the item is gone.
      .catch((error: unknown) => isCurrent && error instanceof ApiError && error.status === 404 && setAnswer({ key, target: { isMissing: true } }));
    return () => {
      isCurrent = false;
    };
    // The route is read through `key`, which names it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (malformedTarget(route)) return { isMissing: true };
  return answer !== null && answer.key === key ? answer.target : { isMissing: false };
}
