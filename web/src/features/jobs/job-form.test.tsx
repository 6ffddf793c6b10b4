// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Job, Session, Workspace } from "../../../../shared/index.ts";
import { runTitleTime } from "../../../../shared/run-title.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { JobForm } from "./job-form.tsx";
import { actWhenDrawn, isolateDomTests } from "../../test-support/dom-tests.ts";
import { jsonResponse } from "../../test-support/dom-tests.ts";
import { stubJobsFetch } from "./jobs-test-kit.ts";

const WORKSPACE = { id: "wsp_jobform001", name: "parser", archivedAt: null } as unknown as Workspace;
const JOB = {
  id: "job_jobform001", workspaceId: WORKSPACE.id, goalId: null, name: "Nightly deps", prompt: "Update dependencies", mode: "worktree", sessionId: null, baseBranch: null, model: null,
  permissionMode: "default", maxBudgetUsd: null, schedule: { kind: "interval", every: 1, unit: "days" }, missedPolicy: "run_once", priority: "normal", timeoutMinutes: 30, maxRetries: 3,
  isCorrectiveEnabled: true, isEnabled: true, pausedReason: null, nextFireAt: null, lastFireAt: null, createdAt: 1, updatedAt: 1,
} as unknown as Job;

const name = () => screen.getByRole<HTMLInputElement>("textbox", { name: "Name" });
const prompt = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Prompt" });

beforeEach(() => {
  useConversationsStore.setState({ workspaces: { [WORKSPACE.id]: WORKSPACE } });
  stubJobsFetch({});
});
isolateDomTests();

describe("JobForm", () => {
  it("lists a run's session to work in at the run's time on the viewer's clock, as every other list names it", () => {
    const started = Date.UTC(2026, 11, 7, 0, 33);
    const run = { id: "ses_jobform001", workspaceId: WORKSPACE.id, jobId: JOB.id, title: `Job: Nightly deps · ${runTitleTime(started, "Asia/Tokyo")}`, name: "lupus", createdAt: started, archivedAt: null, isPinned: false, updatedAt: 1 } as unknown as Session;
    useConversationsStore.setState({ sessions: { [run.id]: run } });
    render(<JobForm job={{ ...JOB, mode: "session", sessionId: run.id } as Job} onDone={vi.fn()} />);
    const viewerTime = new Date(started).toLocaleString(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
    expect(screen.getByRole("option", { name: `Job: Nightly deps · ${viewerTime}` })).toBeTruthy();
  });

  it("keeps a new job being written when its screen goes; Cancel drops it", async () => {
    const onDone = vi.fn();
    render(<JobForm onDone={onDone} />);
    fireEvent.change(name(), { target: { value: "Weekly audit" } });
    fireEvent.change(prompt(), { target: { value: "Audit the dependencies and open issues for what is stale." } });
    cleanup();
    render(<JobForm onDone={onDone} />);
    expect(name().value).toBe("Weekly audit");
    expect(prompt().value).toBe("Audit the dependencies and open issues for what is stale.");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onDone).toHaveBeenCalledOnce();
    cleanup();
    render(<JobForm onDone={onDone} />);
    expect(name().value).toBe("");
    expect(prompt().value).toBe("");
  });

  it("a once time cleared while it is retyped keeps the schedule once, at the time before", async () => {
    render(<JobForm onDone={() => undefined} />);
    const kind = () => screen.getByRole<HTMLSelectElement>("combobox", { name: "Schedule: kind" });
    fireEvent.change(kind(), { target: { value: "once" } });
    const time = () => screen.getByLabelText<HTMLInputElement>("Schedule: time");
    fireEvent.change(time(), { target: { value: "2031-05-04T09:30" } });
    fireEvent.change(time(), { target: { value: "" } });
    expect(kind().value).toBe("once");
    expect(time().value).toBe("2031-05-04T09:30");
  });

  it("an interval's number can be cleared and typed again (clearing it gave 1, so typing 5 made 15)", () => {
    render(<JobForm onDone={() => undefined} />);
    const every = () => screen.getByRole<HTMLInputElement>("spinbutton", { name: "Schedule: every" });
    fireEvent.change(every(), { target: { value: "" } });
    expect(every().value).toBe("");
    fireEvent.change(every(), { target: { value: "5" } });
    expect(every().value).toBe("5");
    cleanup();
    render(<JobForm onDone={() => undefined} />);
    expect(every().value).toBe("5");
  });

  it("a count that is no count (0, 1.5) stays as typed, is said under the schedule, and Create sends nothing but goes to it", async () => {
    const { calls } = stubJobsFetch({ job: JOB });
    render(<JobForm onDone={() => undefined} />);
    fireEvent.change(name(), { target: { value: "Weekly audit" } });
    fireEvent.change(prompt(), { target: { value: "Audit the dependencies" } });
    const every = () => screen.getByRole<HTMLInputElement>("spinbutton", { name: "Schedule: every" });
    for (const typed of ["0", "1.5"]) {
      fireEvent.change(every(), { target: { value: typed } });
      fireEvent.blur(every());
      expect(every().value).toBe(typed);
      expect(screen.getByRole("alert").textContent).toBe('Schedule: "every" takes a whole number from 1 (it is 1 until then).');
      fireEvent.click(screen.getByRole("button", { name: "Create job" }));
      // It saved "every 1 day" for a typed 0, without a word.
      await waitFor(() => expect(document.activeElement).toBe(every()));
      expect(calls()).toEqual([]);
    }
    fireEvent.change(every(), { target: { value: "2" } });
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(calls()).toHaveLength(1));
    expect(JSON.parse(String(calls()[0]![1]!.body)).schedule).toMatchObject({ kind: "interval", every: 2, unit: "days" });
  });

  it("keeps an edit of a job until it is saved, and only for the version of the job it was started from", async () => {
    render(<JobForm job={JOB} onDone={() => undefined} />);
    fireEvent.change(prompt(), { target: { value: "Update dependencies, then run the tests" } });
    cleanup();
    render(<JobForm job={JOB} onDone={() => undefined} />);
    expect(prompt().value).toBe("Update dependencies, then run the tests");
    cleanup();
    // Changed meanwhile (another device): its form starts from what it is now.
    render(<JobForm job={{ ...JOB, prompt: "Update only security fixes", updatedAt: 2 }} onDone={() => undefined} />);
    expect(prompt().value).toBe("Update only security fixes");
    cleanup();

    const onDone = vi.fn();
    render(<JobForm job={JOB} onDone={onDone} />);
    stubJobsFetch({ job: { ...JOB, prompt: "Update dependencies, then run the tests", updatedAt: 3 } });
    fireEvent.click(screen.getByRole("button", { name: "Save job" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    cleanup();
    render(<JobForm job={JOB} onDone={() => undefined} />);
    expect(prompt().value).toBe("Update dependencies");
  });

  it("drops an older version's draft once the form moves onto the new one, and the draft itself when saved or cancelled", async () => {
    vi.useFakeTimers();
    const drafts = () => Object.keys(localStorage).filter((key) => key.startsWith(`chatml.job-draft.${JOB.id}.`)).sort();
    const { rerender } = render(<JobForm job={JOB} onDone={() => undefined} />);
    fireEvent.change(prompt(), { target: { value: "Update dependencies, then run the tests" } });
    act(() => void vi.advanceTimersByTime(300));
    expect(drafts()).toEqual([`chatml.job-draft.${JOB.id}.1`]);
    rerender(<JobForm job={{ ...JOB, name: "Nightly deps (desktop)", updatedAt: 2 }} onDone={() => undefined} />);
    act(() => void vi.advanceTimersByTime(300));
    expect(drafts()).toEqual([`chatml.job-draft.${JOB.id}.2`]);
    vi.useRealTimers();
    const onDone = vi.fn();
    rerender(<JobForm job={{ ...JOB, name: "Nightly deps (desktop)", updatedAt: 2 }} onDone={onDone} />);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onDone).toHaveBeenCalledOnce();
    expect(drafts()).toEqual([]);
  });

  it("an edit open while another device saves the job takes that save's changes where it changed nothing, and says so", async () => {
    const stub = stubJobsFetch({ job: JOB });
    const calls = () => stub.calls().filter(([input]) => String(input).includes("/api/jobs/"));
    const { rerender } = render(<JobForm job={JOB} onDone={() => undefined} />);
    fireEvent.change(prompt(), { target: { value: "Update dependencies, then run the tests" } });
    fireEvent.change(name(), { target: { value: "Nightly deps (phone)" } });
    rerender(<JobForm job={{ ...JOB, name: "Nightly deps (desktop)", maxBudgetUsd: 2, maxRetries: 1, updatedAt: 2 }} onDone={() => undefined} />);
    expect(prompt().value).toBe("Update dependencies, then run the tests");
    expect(name().value).toBe("Nightly deps (phone)");
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: /^Budget \(USD\)/ }).value).toBe("2");
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: /^Retries/ }).value).toBe("1");
    expect(screen.getByRole("status").textContent).toBe("Saved on another device while you were editing. The form shows their Budget (USD), Retries. Your Name replaces theirs when you save.");
    fireEvent.click(screen.getByRole("button", { name: "Save job" }));
    await waitFor(() => expect(calls()).toHaveLength(1));
    // Saved as it was, the draft put the desktop's budget and retries back to none and 3.
    expect(JSON.parse(String(calls()[0]![1]!.body))).toMatchObject({ name: "Nightly deps (phone)", prompt: "Update dependencies, then run the tests", maxBudgetUsd: 2, maxRetries: 1 });
  });

  it("runs each worktree run from the base branch picked, and shows a saved one no longer there as not found", async () => {
    useConversationsStore.setState({ workspaces: { [WORKSPACE.id]: { ...WORKSPACE, isGitRepo: true, defaultBranch: "main" } } });
    // One answer for the branch list and the save alike.
    const stub = stubJobsFetch({ branches: ["main", "develop"], originOnly: ["release-2"], job: JOB });
    const creates = () => stub.calls().filter(([input]) => String(input).endsWith("/api/jobs"));
    render(<JobForm onDone={() => undefined} />);
    fireEvent.change(name(), { target: { value: "Weekly audit" } });
    fireEvent.change(prompt(), { target: { value: "Audit the dependencies" } });
    const base = () => screen.getByRole<HTMLSelectElement>("combobox", { name: "Base branch" });
    await screen.findByRole("option", { name: "develop" });
    expect([...base().options].map((option) => option.textContent)).toEqual(["main (default)", "develop", "origin/release-2"]);
    fireEvent.change(base(), { target: { value: "develop" } });
    fireEvent.click(screen.getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(creates()).toHaveLength(1));
    expect(JSON.parse(String(creates()[0]![1]!.body))).toMatchObject({ mode: "worktree", baseBranch: "develop" });
    cleanup();

    render(<JobForm job={{ ...JOB, baseBranch: "release-1" }} onDone={() => undefined} />);
    // Before the branches come, it is itself, not the default standing in for it.
    expect(base().selectedOptions[0]!.textContent).toBe("release-1");
    await screen.findByRole("option", { name: "develop" });
    expect(base().selectedOptions[0]!.textContent).toBe("release-1 (not found)");
  });

  it("a day interval saved without a zone lists the server's zone as its own, and says what picking one changes", async () => {
    const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    stubJobsFetch({ job: JOB }, { description: "every day", nextFireTimes: [], clockZone: "Pacific/Auckland" });
    render(<JobForm job={JOB} onDone={() => undefined} />);
    const zone = () => screen.getByRole<HTMLSelectElement>("combobox", { name: "Schedule: time zone" });
    await waitFor(() => expect(zone().selectedOptions[0]?.textContent).toBe("Server's zone (Pacific/Auckland)"));
    expect(screen.getByText(new RegExp(`Picking a zone \\(yours is ${mine}\\) keeps its next run`))).toBeTruthy();
    fireEvent.change(zone(), { target: { value: mine } });
    expect(zone().value).toBe(mine);
    expect(screen.queryByText(/Picking a zone/)).toBeNull();
  });

  it("an edit that keeps a day job's rhythm says its time stays as it runs now; a new rhythm takes the time it is saved", () => {
    render(<JobForm job={JOB} onDone={() => undefined} />);
    expect(screen.getByText("the time it runs at now")).toBeTruthy();
    fireEvent.change(screen.getByRole("spinbutton", { name: "Schedule: every" }), { target: { value: "2" } });
    expect(screen.getByText("the time it is saved")).toBeTruthy();
    cleanup();
    render(<JobForm onDone={() => undefined} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Schedule: kind" }), { target: { value: "interval" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Schedule: unit" }), { target: { value: "days" } });
    expect(screen.getByText("the time it is saved")).toBeTruthy();
  });

  describe("a once time in the past", () => {
    const PAST = "The schedule: That time is in the past; pick a time from now on.";
    /** The server refuses the past time both in the preview and on create, as it does. */
    const refusePastTimes = () => {
      const fetch = vi.fn<(input: string | URL | Request) => Promise<Response>>(async () => jsonResponse({ error: { code: "bad_request", message: PAST } }, 400));
      vi.stubGlobal("fetch", fetch);
      return { creates: () => fetch.mock.calls.filter(([input]) => !String(input).includes("/schedule-preview")) };
    };
    const fillPastOnce = () => {
      fireEvent.change(name(), { target: { value: "Release notes" } });
      fireEvent.change(prompt(), { target: { value: "Write the release notes" } });
      fireEvent.change(screen.getByRole("combobox", { name: "Schedule: kind" }), { target: { value: "once" } });
      fireEvent.change(screen.getByLabelText("Schedule: time"), { target: { value: "2020-01-01T10:00" } });
    };

    it("is said once, under the schedule, and Create sends nothing but takes you to the time", async () => {
      const { creates } = refusePastTimes();
      render(<JobForm onDone={() => undefined} />);
      fillPastOnce();
      // Pressed the moment the refusal shows: the form knew it only an effect later, and sent it (a loaded run's flake).
      await actWhenDrawn(() => screen.queryByText(PAST) !== null, () => fireEvent.click(screen.getByRole("button", { name: "Create job" })));
      expect(screen.getAllByText(PAST)).toHaveLength(1);
      expect(creates()).toEqual([]);
      expect(document.activeElement).toBe(screen.getByLabelText("Schedule: time"));
    });

    it("is said once when Create was pressed before the preview answered", async () => {
      const { creates } = refusePastTimes();
      render(<JobForm onDone={() => undefined} />);
      fillPastOnce();
      fireEvent.click(screen.getByRole("button", { name: "Create job" }));
      await waitFor(() => expect(creates()).toHaveLength(1));
      await screen.findByText(PAST);
      await waitFor(() => expect(screen.getByRole<HTMLButtonElement>("button", { name: "Create job" }).disabled).toBe(false));
      // The preview asks 250 ms after the change; both refusals are in once it has answered.
      await waitFor(() => expect(screen.getByText(PAST).closest("fieldset")).not.toBeNull());
      expect(screen.getAllByText(PAST)).toHaveLength(1);
    });
  });
});
