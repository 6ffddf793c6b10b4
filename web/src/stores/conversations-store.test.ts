import { describe, expect, it } from "vitest";
import type { Conversation, Session } from "../../../shared/index.ts";
import { selectSortedConversations, selectWaitingElsewhere, useConversationsStore } from "./conversations-store.ts";

describe("selectSortedConversations", () => {
  it("leaves out a job's run conversations (one a minute flooded the list) unless one waits for you", () => {
    const mine = { id: "ses_store0000001", workspaceId: "wsp_store0000001", jobId: null, archivedAt: null } as unknown as Session;
    const run = { ...mine, id: "ses_store0000002", jobId: "job_store0000001" } as unknown as Session;
    const conversation = (n: number, sessionId: string, status: string) => ({ id: `cnv_store000000${n}`, sessionId, status, updatedAt: n, closedAt: null }) as unknown as Conversation;
    const state = {
      ...useConversationsStore.getState(),
      workspaces: {},
      sessions: { [mine.id]: mine, [run.id]: run },
      conversations: Object.fromEntries([conversation(1, mine.id, "idle"), conversation(2, run.id, "idle"), conversation(3, run.id, "waiting")].map((c) => [c.id, c])),
    };
    expect(selectSortedConversations(state).map((c) => c.id)).toEqual(["cnv_store0000003", "cnv_store0000001"]);
  });

  it("leaves out the conversations a fixed-session job's runs make in the user's session, unless one waits for you", () => {
    const mine = { id: "ses_store0000001", workspaceId: "wsp_store0000001", jobId: null, archivedAt: null } as unknown as Session;
    const conversation = (n: number, jobId: string | null, status: string) => ({ id: `cnv_store000000${n}`, sessionId: mine.id, jobId, status, updatedAt: n, closedAt: null }) as unknown as Conversation;
    const state = {
      ...useConversationsStore.getState(),
      workspaces: {},
      sessions: { [mine.id]: mine },
      conversations: Object.fromEntries([conversation(1, null, "idle"), conversation(2, "job_store0000001", "idle"), conversation(3, "job_store0000001", "waiting")].map((c) => [c.id, c])),
    };
    expect(selectSortedConversations(state).map((c) => c.id)).toEqual(["cnv_store0000003", "cnv_store0000001"]);
  });

  it("leaves out an archived session's conversations, live as the session is archived and unarchived", () => {
    const archived = { id: "ses_store0000001", workspaceId: "wsp_store0000001", jobId: null, archivedAt: 5 } as unknown as Session;
    const live = { ...archived, id: "ses_store0000002", archivedAt: null } as unknown as Session;
    const conversation = (n: number, sessionId: string) => ({ id: `cnv_store000000${n}`, sessionId, jobId: null, status: "idle", updatedAt: n, closedAt: null }) as unknown as Conversation;
    useConversationsStore.setState({ workspaces: {}, sessions: { [archived.id]: archived, [live.id]: live }, conversations: Object.fromEntries([conversation(1, archived.id), conversation(2, live.id)].map((c) => [c.id, c])) });
    expect(selectSortedConversations(useConversationsStore.getState()).map((c) => c.id)).toEqual(["cnv_store0000002"]);

    useConversationsStore.getState().upsert({ kind: "session", session: { ...archived, archivedAt: null } });
    expect(selectSortedConversations(useConversationsStore.getState()).map((c) => c.id)).toEqual(["cnv_store0000002", "cnv_store0000001"]);
    useConversationsStore.getState().upsert({ kind: "session", session: { ...live, archivedAt: 9 } });
    expect(selectSortedConversations(useConversationsStore.getState()).map((c) => c.id)).toEqual(["cnv_store0000001"]);
  });
});

describe("selectWaitingElsewhere", () => {
  it("counts the conversations that wait for you but the one on screen, a closed one's and an archived session's", () => {
    const live = { id: "ses_store0000001", workspaceId: "wsp_store0000001", jobId: null, archivedAt: null } as unknown as Session;
    const archived = { ...live, id: "ses_store0000002", archivedAt: 5 } as unknown as Session;
    const conversation = (n: number, sessionId: string, status: string, closedAt: number | null = null) => ({ id: `cnv_store000000${n}`, sessionId, status, updatedAt: n, closedAt }) as unknown as Conversation;
    const state = {
      ...useConversationsStore.getState(),
      workspaces: {},
      sessions: { [live.id]: live, [archived.id]: archived },
      conversations: Object.fromEntries(
        [conversation(1, live.id, "waiting"), conversation(2, live.id, "waiting"), conversation(3, live.id, "running"), conversation(4, live.id, "waiting", 9), conversation(5, archived.id, "waiting")].map((c) => [c.id, c]),
      ),
    };
    expect(selectWaitingElsewhere(null)(state)).toBe(2);
    expect(selectWaitingElsewhere("cnv_store0000001")(state)).toBe(1);
  });
});
