// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { Job, Run, Session } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { DeleteSessionDialog } from "./delete-session-dialog.tsx";

const SESSION = {
  id: "ses_delete000001", workspaceId: "wsp_delete000001", name: "draco", title: "Job: Fake job", kind: "worktree", branch: "draco", cwd: "/tmp/draco", worktreePath: "/tmp/draco", archivedAt: null,
} as unknown as Session;
const run = (id: string, jobName: string, sessionId: string) => ({ id, jobId: `job_${jobName}`, jobName, sessionId }) as unknown as Run;
const sessionJob = { id: "job_nightly00001", name: "Nightly notes", mode: "session", sessionId: SESSION.id } as unknown as Job;

beforeEach(() => {
  useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true });
  useJobsStore.setState({ jobs: {}, runs: {}, isLoaded: true });
});
isolateDomTests();

describe("DeleteSessionDialog", () => {
  it("says when a job run uses the session: the run's record stays, its work goes", () => {
    useJobsStore.setState({ runs: { run_a: run("run_a", "Fake job", SESSION.id), run_b: run("run_b", "Other job", "ses_elsewhere0001") } });
    render(<DeleteSessionDialog session={SESSION} onClose={() => undefined} />);
    expect(screen.getByText("This session holds the run of job “Fake job”; the run's record stays, its work goes.")).toBeTruthy();
    expect(screen.queryByText(/Other job/)).toBeNull();
  });

  it("says when a job runs in the session, and counts several runs of one job", () => {
    useJobsStore.setState({ jobs: { [sessionJob.id]: sessionJob }, runs: { run_a: run("run_a", "Nightly notes", SESSION.id), run_b: run("run_b", "Nightly notes", SESSION.id) } });
    render(<DeleteSessionDialog session={SESSION} onClose={() => undefined} />);
    expect(screen.getByText("This session holds 2 runs of job “Nightly notes”; their records stay, their work goes.")).toBeTruthy();
    expect(screen.getByText("Job “Nightly notes” runs in this session; its next runs fail until you give it another.")).toBeTruthy();
  });

  it("says nothing about jobs for a session no job uses", () => {
    render(<DeleteSessionDialog session={SESSION} onClose={() => undefined} />);
    expect(screen.queryByText(/holds .*run|runs in this session/)).toBeNull();
  });
});
