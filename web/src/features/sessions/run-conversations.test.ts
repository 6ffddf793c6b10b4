import { describe, expect, it } from "vitest";
import type { Conversation } from "../../../../shared/index.ts";
import { foldRunConversations } from "./run-conversations.ts";

const conversation = (id: string, fields: Partial<Omit<Conversation, "jobId">> & { jobId?: string } = {}) => ({ id, jobId: null, createdAt: 0, closedAt: null, ...fields }) as unknown as Conversation;

describe("foldRunConversations", () => {
  it("folds a job's run conversations into its latest, at the place of the first in the list's order", () => {
    const mine = conversation("cnv_mine");
    const run1 = conversation("cnv_run1", { jobId: "job_a", createdAt: 1 });
    const run2 = conversation("cnv_run2", { jobId: "job_a", createdAt: 2 });
    const run3 = conversation("cnv_run3", { jobId: "job_a", createdAt: 3 });
    const single = conversation("cnv_single", { jobId: "job_b", createdAt: 4 });
    expect(foldRunConversations([run1, mine, run3, single, run2])).toEqual([
      { kind: "job", jobId: "job_a", latest: run3, earlier: [run2, run1] },
      { kind: "conversation", conversation: mine },
      { kind: "conversation", conversation: single },
    ]);
  });

  it("leaves a closed run conversation a row of its own", () => {
    const closed = conversation("cnv_run1", { jobId: "job_a", createdAt: 1, closedAt: 5 });
    const run2 = conversation("cnv_run2", { jobId: "job_a", createdAt: 2 });
    expect(foldRunConversations([run2, closed])).toEqual([
      { kind: "conversation", conversation: run2 },
      { kind: "conversation", conversation: closed },
    ]);
  });
});
