import type { ConversationId, EntityRevision, ServerFrame } from "../../../shared/index.ts";
import { settingsApi } from "../lib/settings-api.ts";
import { offerReloadIfReplaced } from "../lib/pwa/replaced-build.ts";
import { ChatSocket } from "../lib/socket.ts";
import { browserFlushScheduler, DeltaBatcher } from "./delta-batcher.ts";
import { useMcpStore } from "./mcp-store.ts";
import { useBudgetStore } from "./budget-store.ts";
import { useQueueStore } from "./queue-store.ts";
import { useConnectionStore } from "./connection-store.ts";
import { conversationListsCoverage, routesInside, useConversationsStore } from "./conversations-store.ts";
import { closeRemovedScreens } from "./removed-screens.ts";
import { useGitOperationsStore } from "./git-operations-store.ts";
import { useLinearStore } from "./linear-store.ts";
import { usePullRequestStore } from "./pull-request-store.ts";
import { reloadTerminals, useTerminalsStore } from "./terminals-store.ts";
import { jobListsCoverage, useJobsStore } from "./jobs-store.ts";
import { lastSeqOf, useViewStore } from "./view-store.ts";
import { useWorkbenchStore } from "./workbench-store.ts";

/** The lists every page keeps: how far each is known to be whole decides whether a welcome loads it again. */
const LIST_COVERAGES = [conversationListsCoverage, jobListsCoverage];

/** Deltas reach the view once per animation frame, folded (streaming cost must not grow with the stream's speed). */
const deltas = new DeltaBatcher((id, events) => useViewStore.getState().applyDeltas(id, events), browserFlushScheduler);

/** Drops the views of deleted conversations (given as their routes, `#/c/<id>`), with any deltas still held for them. */
function forgetConversations(routes: readonly string[]): void {
  const ids = routes.flatMap((route) => (route.startsWith("#/c/") ? [route.slice(4) as ConversationId] : []));
  for (const id of ids) deltas.discard(id);
  if (ids.length > 0) useViewStore.getState().forget(ids);
}

/** Routes validated server frames into the stores. */
function route(frame: ServerFrame): void {
  const views = useViewStore.getState();
  switch (frame.type) {
    case "event":
      deltas.flush(frame.conversationId);
      views.applyEvent(frame.conversationId, { seq: frame.seq, at: frame.at, event: frame.event });
      return;
    case "delta":
      deltas.push(frame.conversationId, frame.event);
      return;
    case "replayed":
      deltas.flush(frame.conversationId);
      views.markReplayed(frame.conversationId);
      return;
    case "entity":
      for (const coverage of LIST_COVERAGES) coverage.entity(frame.revision);
      if (frame.change.kind === "git.operation") useGitOperationsStore.getState().put(frame.change.operation);
      else if (frame.change.kind === "budget") useBudgetStore.getState().put(frame.change.budget);
      else if (frame.change.kind === "queue") useQueueStore.getState().put(frame.change.queue);
      else if (frame.change.kind === "mcp") useMcpStore.getState().putOverview(frame.change.overview);
      else if (frame.change.kind === "mcpServers") useMcpStore.getState().putWorkspace(frame.change.workspaceId, frame.change.servers);
      else if (frame.change.kind === "pullRequest") usePullRequestStore.getState().set(frame.change.pullRequest.sessionId, frame.change.pullRequest);
      else if (frame.change.kind === "pullRequestProblem") usePullRequestStore.getState().setProblem(frame.change.sessionId, frame.change.problem);
      else if (frame.change.kind === "pullRequestWorktree") usePullRequestStore.getState().setWorktree(frame.change.sessionId, frame.change.catchUp);
      else if (frame.change.kind === "linearLink") useLinearStore.getState().setLink(frame.change.sessionId, frame.change.issue);
      else {
        const before = useConversationsStore.getState();
        const gone = frame.change.kind === "removed" ? routesInside(before, frame.change.entity, frame.change.id) : [];
        closeRemovedScreens(before, gone);
        useConversationsStore.getState().upsert(frame.change);
        forgetConversations(gone);
        useJobsStore.getState().apply(frame.change);
      }
      return;
    case "terminals":
      useTerminalsStore.getState().setSession(frame.sessionId, frame.terminals, frame.ended);
      return;
    case "approvals":
      useTerminalsStore.getState().setApprovals(frame.approvals);
      return;
    case "workbench.changed":
      useWorkbenchStore.getState().bump(frame.sessionId, frame.topic);
      return;
    case "error":
      onErrorFrame(frame);
      return;
    case "welcome":
      void syncLists(frame.entities);
      void reloadTerminals();
      return;
    case "pong":
      return;
  }
}

/**
 * Entity frames reach a socket only after its hello, so what changed before it (at boot, or while a phone slept) comes
 * from the lists, loaded again at a welcome unless they already hold every change up to it (ListCoverage, ADR 0048).
 * What they no longer hold was removed meanwhile: its tabs close and its views go, as when the removal arrives live.
 */
async function syncLists(point: EntityRevision | undefined): Promise<void> {
  const before = useConversationsStore.getState();
  const goalsBefore = useJobsStore.getState().goals;
  const loaded = await Promise.all([useConversationsStore.getState().syncAt(point), useJobsStore.getState().syncAt(point)]);
  if (!loaded.includes(true)) return;
  const after = useConversationsStore.getState();
  const goalsAfter = useJobsStore.getState().goals;
  const goneIds = (was: Record<string, unknown>, is: Record<string, unknown>) => Object.keys(was).filter((id) => !(id in is));
  const gone = [
    ...goneIds(before.workspaces, after.workspaces).map((id) => `#/w/${id}`),
    ...goneIds(before.sessions, after.sessions).map((id) => `#/s/${id}`),
    ...goneIds(before.conversations, after.conversations).map((id) => `#/c/${id}`),
    ...goneIds(goalsBefore, goalsAfter).map((id) => `#/g/${id}`),
  ];
  if (gone.length === 0) return;
  closeRemovedScreens(before, gone);
  forgetConversations(gone);
}

function onErrorFrame(frame: Extract<ServerFrame, { type: "error" }>): void {
  if (frame.code === "protocol_mismatch") {
    useConnectionStore.getState().setFatal(`${frame.message} — reload the page to get the current app.`);
    socket.stop();
    return;
  }
  if (frame.code === "unauthorized") useConnectionStore.getState().setAuth("unauthorized", frame.message);
  console.warn("chatml: server error frame", frame);
}

/** The tab's one socket, wired to the stores. */
export const socket = new ChatSocket({
  getAfterSeq: lastSeqOf,
  onFrame: route,
  onReached: () => useConnectionStore.getState().setReached(),
  onStatus: (status, detail) => {
    // Until the next welcome, entity frames can be missed.
    if (status !== "open") for (const coverage of LIST_COVERAGES) coverage.closed();
    useConnectionStore.getState().setSocket(status, detail);
  },
  // An older page (its shell from the service worker's cache) whose chunk the updated server no longer has.
  // Its socket cannot read a frame until a reload: it stops instead of closing again and again.
  onPartMissing: () => void offerReloadIfReplaced().then((isOffered) => isOffered && socket.stop()),
  // A 401 here shows the signed-out screen with the server's reason (the app's 401 handler); any other outcome changes
  // nothing: the socket keeps retrying.
  onRefused: () => void settingsApi.get().catch((error: unknown) => console.info("chatml: sign-in check after a refused socket:", error)),
});

/** Starts the socket and reconnects right away when the tab comes back to the foreground (phones sleep sockets). */
export function startSync(): () => void {
  socket.start();
  const onVisible = () => {
    if (document.visibilityState === "visible") socket.reconnectNow();
  };
  document.addEventListener("visibilitychange", onVisible);
  window.addEventListener("online", onVisible);
  return () => {
    document.removeEventListener("visibilitychange", onVisible);
    window.removeEventListener("online", onVisible);
    socket.stop();
  };
}

/** Keeps the socket subscribed to the conversation on screen. */
export function watchConversation(id: ConversationId): () => void {
  socket.subscribe(id);
  return () => socket.unsubscribe(id);
}
