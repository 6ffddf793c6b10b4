import { describe, expect, it } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { foldJobRuns } from "./job-run-groups.ts";

const session = (id: string, fields: Partial<Omit<Session, "jobId">> & { jobId?: string } = {}) => ({ id, jobId: null, isPinned: false, createdAt: 0, ...fields }) as Session;

describe("foldJobRuns", () => {
  it("folds a job's run sessions into its latest run, at the place of the most recently active one", () => {
    const mine = session("ses_mine");
    const run1 = session("ses_run1", { jobId: "job_a", createdAt: 1 });
    const run2 = session("ses_run2", { jobId: "job_a", createdAt: 2 });
    const run3 = session("ses_run3", { jobId: "job_a", createdAt: 3 });
    const other = session("ses_other", { jobId: "job_b", createdAt: 4 });
    // Sorted as the sidebar sorts them (most recently updated first): an earlier run was touched last.
    expect(foldJobRuns([run1, mine, run3, other, run2])).toEqual([
      { kind: "job", jobId: "job_a", latest: run3, earlier: [run2, run1] },
      { kind: "session", session: mine },
      { kind: "session", session: other },
    ]);
  });

  it("keeps a pinned run session in sight as a row of its own", () => {
    const pinned = session("ses_run1", { jobId: "job_a", createdAt: 1, isPinned: true });
    const run2 = session("ses_run2", { jobId: "job_a", createdAt: 2 });
    const run3 = session("ses_run3", { jobId: "job_a", createdAt: 3 });
    expect(foldJobRuns([pinned, run3, run2])).toEqual([
      { kind: "session", session: pinned },
      { kind: "job", jobId: "job_a", latest: run3, earlier: [run2] },
    ]);
  });
});
