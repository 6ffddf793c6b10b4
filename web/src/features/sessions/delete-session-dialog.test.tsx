// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { Conversation, Job, Run, Session, TerminalInfo } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
import { DeleteSessionDialog } from "./delete-session-dialog.tsx";

const SESSION = {
  id: "ses_delete000001", workspaceId: "wsp_delete000001", name: "draco", title: "Job: Fake job", kind: "worktree", branch: "draco", cwd: "/tmp/draco", worktreePath: "/tmp/draco", archivedAt: null,
} as unknown as Session;
const run = (id: string, jobName: string, sessionId: string) => ({ id, jobId: `job_${jobName}`, jobName, sessionId }) as unknown as Run;
const sessionJob = { id: "job_nightly00001", name: "Nightly notes", mode: "session", sessionId: SESSION.id } as unknown as Job;

beforeEach(() => {
  useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true });
  useJobsStore.setState({ jobs: {}, runs: {}, isLoaded: true });
  useTerminalsStore.setState({ bySession: {} });
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
    expect(screen.getByText("Job “Nightly notes” runs in this session; its next run fails and pauses the job until you give it another session.")).toBeTruthy();
  });

  it("says nothing about jobs for a session no job uses", () => {
    render(<DeleteSessionDialog session={SESSION} onClose={() => undefined} />);
    expect(screen.queryByText(/holds .*run|runs in this session/)).toBeNull();
  });

  it("says that the session's running terminals end, and not those that exited already", () => {
    const terminal = (id: string, status: TerminalInfo["status"]) => ({ id, sessionId: SESSION.id, status }) as unknown as TerminalInfo;
    useTerminalsStore.setState({ bySession: { [SESSION.id]: [terminal("trm_a", "running"), terminal("trm_b", "running"), terminal("trm_c", "exited")] } });
    render(<DeleteSessionDialog session={SESSION} onClose={() => undefined} />);
    expect(screen.getByText("2 running terminals and what runs in them end (archiving ends them too).")).toBeTruthy();
  });

  it("says which conversations Claude is working in, since deleting stops them mid-turn", () => {
    const conversation = (id: string, title: string, status: string) => ({ id, sessionId: SESSION.id, title, status }) as unknown as Conversation;
    const list = [conversation("cnv_a", "Long turn", "running"), conversation("cnv_b", "Asks", "waiting"), conversation("cnv_c", "Done", "idle")];
    useConversationsStore.setState({ conversations: Object.fromEntries(list.map((c) => [c.id, c])) });
    render(<DeleteSessionDialog session={SESSION} onClose={() => undefined} />);
    expect(screen.getByText("Claude is working in “Long turn”, “Asks”: deleting stops them mid-turn (archiving does too).")).toBeTruthy();
  });
});
