// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Job, Run, Session } from "../../../../shared/index.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SessionJobLink } from "./session-job-link.tsx";

isolateDomTests();

const JOB = { id: "job_sessionlink1", name: "Nightly tidy", goalId: null } as unknown as Job;
const SESSION = { id: "ses_sessionlink1", jobId: JOB.id } as unknown as Session;

describe("SessionJobLink (a run's session leads back to its run and job)", () => {
  it("opens the session's run, or its job when the page holds no run of it; a user's session has none", () => {
    useJobsStore.setState({ jobs: { [JOB.id]: JOB }, runs: {} });
    const { rerender } = render(<SessionJobLink session={SESSION} />);
    expect(screen.getByRole("link", { name: "Job: Nightly tidy" }).getAttribute("href")).toBe("#/jobs");
    act(() => screen.getByRole("link", { name: "Job: Nightly tidy" }).click());
    expect(useNavStore.getState().hash).toBe("#/jobs");
    const run = { id: "run_sessionlink1", jobId: JOB.id, sessionId: SESSION.id, queuedAt: 1 } as unknown as Run;
    act(() => useJobsStore.setState({ runs: { [run.id]: run } }));
    rerender(<SessionJobLink session={SESSION} />);
    expect(screen.getByRole("link", { name: "Run: Nightly tidy" }).getAttribute("href")).toBe(`#/r/${run.id}`);
    act(() => screen.getByRole("link", { name: "Run: Nightly tidy" }).click());
    expect(useNavStore.getState().hash).toBe(`#/r/${run.id}`);
    rerender(<SessionJobLink session={{ ...SESSION, jobId: null }} />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.queryByRole("button")).toBeNull();
  });
});
