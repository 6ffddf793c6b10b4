import { useEffect, useRef, useState } from "react";
import type { LinearHolder, LinearIssue, SessionId } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { onServerFrame } from "../../lib/socket.ts";
import { useReconnects } from "../../stores/connection-store.ts";
import { linearApi } from "./linear-api.ts";
import { canChangeHolders } from "./linear-holders-relevance.ts";

/**
 * Why the issue stayed where it is after this session's merge: other linked sessions hold it back from Done until
 * their PRs are merged, or they are archived or unlinked (ADR 0140). It stayed In Review with no word why. Read again
 * when a change can lift or add a hold — this session's, a holder's, or a link to this issue — not on every PR or link
 * change of any session (each device asked again for every poll of every PR).
 */
export function LinearHoldNote({ sessionId, issue }: { sessionId: SessionId; issue: LinearIssue }) {
  const [holders, setHolders] = useState<LinearHolder[]>([]);
  const reconnects = useReconnects();
  // The holders as last read, for the frame listener (which must not be set up again, and read again, on each read).
  const holderIds = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const load = () =>
      linearApi.holders(sessionId).then(({ holders: read }) => {
        holderIds.current = new Set(read.map((holder) => holder.sessionId));
        setHolders(read);
      }, (e: unknown) => console.warn("[linear] holders:", e));
    void load();
    return onServerFrame((frame) => {
      if (frame.type === "entity" && canChangeHolders(frame.change, { sessionId, issueId: issue.id, holderIds: holderIds.current })) void load();
    });
  }, [sessionId, issue.id, issue.stateName, reconnects]);
  if (holders.length === 0) return null;
  return (
    <div role="note" aria-label="Why the issue is not Done" className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p>
        {issue.identifier} stays {issue.stateName ?? "where it is"} after this merge: it moves to Done once {holders.length === 1 ? "this linked session's part is" : "these linked sessions' parts are"} merged
        (or {holders.length === 1 ? "it is" : "they are"} archived or unlinked).
      </p>
      <ul className="flex flex-col gap-1">
        {holders.map((holder) => (
          <li key={holder.sessionId} className="flex flex-wrap items-center gap-2">
            <span className="min-w-0 flex-1 break-words">
              Waiting for <strong>{holder.name}</strong> ({holder.workspaceName}){holder.pullRequest ? "'s " : ": no pull request yet"}
              {holder.pullRequest ? (
                <a href={holder.pullRequest.url} target="_blank" rel="noreferrer" className="font-medium underline underline-offset-2">
                  PR #{holder.pullRequest.number}
                  {holder.pullRequest.state === "open" ? "" : ` (${holder.pullRequest.state})`}
                </a>
              ) : null}
            </span>
            <ScreenLink route={{ view: "session", id: holder.sessionId }} className={buttonLook("ghost")}>
              Open {holder.name}
            </ScreenLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
