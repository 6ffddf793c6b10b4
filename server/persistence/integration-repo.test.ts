import { afterEach, describe, expect, it } from "vitest";
import type { ConversationId, SessionId } from "../../shared/ids.ts";
import type { PullRequest } from "../../shared/protocol/integrations.ts";
import { openTempDb, seedConversation, type TempDb } from "./test-support.ts";

describe("IntegrationRepo.sessionsAskedToMergeIn", () => {
  let t: TempDb;
  afterEach(() => t.cleanup());

  /** A session with a stored pull request: only the fields the query reads (it decodes no document). Answers its id. */
  const save = (state: PullRequest["state"], askedIn: string | null): SessionId => {
    const { workspace, session } = seedConversation(t.repos);
    const mergeBaseAsk = askedIn ? { askedAt: 1, conversationId: askedIn as ConversationId } : null;
    t.repos.integrations.savePullRequest({ sessionId: session.id, workspaceId: workspace.id, number: 1, state, mergeBaseAsk } as PullRequest);
    return session.id;
  };

  it("names the sessions whose open or draft PR was asked in that conversation, and no other", () => {
    t = openTempDb();
    const askedOpen = save("open", "cnv_asker");
    const askedDraft = save("draft", "cnv_asker");
    save("closed", "cnv_asker");
    save("open", "cnv_other");
    save("open", null);
    expect(t.repos.integrations.sessionsAskedToMergeIn("cnv_asker" as ConversationId).sort()).toEqual([askedOpen, askedDraft].sort());
    expect(t.repos.integrations.sessionsAskedToMergeIn("cnv_nobody" as ConversationId)).toEqual([]);
  });
});
