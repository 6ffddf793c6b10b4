import type { EntityChange } from "../../../../shared/index.ts";
import { useLinearStore } from "../../stores/linear-store.ts";

/** What a session's hold note knows to tell a change that concerns it. */
export type HoldWatch = { sessionId: string; issueId: string; holderIds: ReadonlySet<string> };

/**
 * Whether an entity change can change who holds this session's issue back from Done (ADR 0140): a change of this
 * session's PR or link, a session holding it (its PR merged, it was archived, unlinked or renamed), or a link to this issue
 * (a new holder, or one that was not active coming back). Every other PR poll or link of other issues cannot.
 */
export function canChangeHolders(change: EntityChange, watch: HoldWatch): boolean {
  const concerns = (sessionId: string) => sessionId === watch.sessionId || watch.holderIds.has(sessionId);
  switch (change.kind) {
    case "pullRequest":
      return concerns(change.pullRequest.sessionId);
    case "linearLink":
      return concerns(change.sessionId) || change.issue?.id === watch.issueId;
    case "session":
      // A holder archived or renamed; another session linked to the issue (as this device knows links) restored from
      // the archive holds it again. This session's own changes do not change who else holds its issue.
      if (change.session.id === watch.sessionId) return false;
      return watch.holderIds.has(change.session.id) || useLinearStore.getState().bySession[change.session.id]?.id === watch.issueId;
    case "removed":
      return change.entity === "session" && concerns(change.id);
    default:
      return false;
  }
}
