// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Goal, Job, Run, Workspace } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useJobsViewStore } from "../../stores/jobs-view-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { JobCard } from "./job-card.tsx";
import { formatTime } from "./job-labels.ts";
import { userTimeZone } from "../../lib/jobs-api.ts";
import { ScheduleEditor } from "./schedule-editor.tsx";
import { dotJoin, hasBreakBeforeDot } from "../../lib/dot-join.ts";

const AT = Date.UTC(2026, 11, 2, 22, 21);
const JOB = {
  id: "job_card00000001", workspaceId: "wsp_card00000001", goalId: null, name: "Fake job", prompt: "Say hello", mode: "worktree", sessionId: null, baseBranch: null, model: null,
  permissionMode: "default", maxBudgetUsd: null, schedule: { kind: "once", at: AT }, missedPolicy: "run_once", priority: "normal", timeoutMinutes: 30, maxRetries: 3,
  isCorrectiveEnabled: true, isEnabled: true, pausedReason: null, nextFireAt: AT, lastFireAt: null, createdAt: 1, updatedAt: 1,
} as unknown as Job;
const RUN = {
  id: "run_card00000001", jobId: JOB.id, goalId: null, workspaceId: JOB.workspaceId, jobName: JOB.name, trigger: "manual", scheduledFor: AT - 3_600_000, priority: "normal", retries: 0,
  status: "succeeded", sessionId: "ses_card00000001", conversationId: "cnv_card00000001", queuedAt: AT - 3_600_000, notBefore: null, startedAt: AT - 3_600_000, endedAt: AT - 3_500_000,
  deadlineAt: null, interruptedAt: null, error: null, summary: null, costUsd: null, previousRunId: null, isResumable: false,
} as unknown as Run;

beforeEach(() => {
  // The server words a schedule in its own date format; the web must not show it beside its own.
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ description: "once, 2 Dec 2026, 23:21", nextFireTimes: [AT] })));
  useJobsStore.setState({ jobs: { [JOB.id]: JOB }, runs: {}, runTotals: {}, isLoaded: true });
  useJobsViewStore.setState({ scrollTop: 0, histories: {} });
  useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {}, isLoaded: true, loadError: null });
});
isolateDomTests();

describe("JobCard", () => {
  it("names the clocks a day interval keeps, and gives one saved without a zone this device's zone in one tap", async () => {
    const patches: unknown[] = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input), "http://chatml.test");
      if (url.pathname.endsWith("/schedule-preview")) return jsonResponse({ description: "every day", nextFireTimes: [AT], clockZone: "Pacific/Auckland" });
      patches.push(JSON.parse(String(init?.body)));
      return jsonResponse({ job: DAILY });
    }));
    const DAILY = { ...JOB, schedule: { kind: "interval", every: 1, unit: "days" } } as Job;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const { rerender } = render(<JobCard job={DAILY} />);
    await waitFor(() => expect(screen.getByTestId("schedule-preview").textContent).toBe("every day (the server's time zone, Pacific/Auckland)"));
    expect(screen.getByText(/^This job keeps no time zone of its own: its days follow the server's clocks/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: `Use my time zone (${zone})` }));
    await waitFor(() => expect(patches).toEqual([{ schedule: { kind: "interval", every: 1, unit: "days", timezone: zone } }]));
    rerender(<JobCard job={{ ...DAILY, schedule: { kind: "interval", every: 1, unit: "days", timezone: "America/New_York" } } as Job} />);
    await waitFor(() => expect(screen.getByTestId("schedule-preview").textContent).toBe("every day (America/New_York)"));
    expect(screen.queryByRole("button", { name: /Use my time zone/ })).toBeNull();
  });

  it("names the session a fixed-session job runs in, as every list names it (a title, else its name)", () => {
    const session = { id: "ses_card00000002", workspaceId: JOB.workspaceId, jobId: null, title: "Tidy the parser", name: "lupus", createdAt: 1, archivedAt: null, isPinned: false, updatedAt: 1 };
    useConversationsStore.setState({ sessions: { [session.id]: session as never } });
    const inSession = { ...JOB, mode: "session", sessionId: session.id } as Job;
    const { rerender } = render(<JobCard job={inSession} />);
    expect(screen.getByText("Runs in Tidy the parser")).toBeTruthy();
    useConversationsStore.setState({ sessions: { [session.id]: { ...session, title: null, archivedAt: 2 } as never } });
    rerender(<JobCard job={{ ...inSession }} />);
    expect(screen.getByText("Runs in lupus (archived)")).toBeTruthy();
    rerender(<JobCard job={JOB} />);
    expect(screen.queryByText(/^Runs in /)).toBeNull();
  });

  it("says a fixed-session job's session was deleted, and what its next run will do (the card named nowhere where it runs)", () => {
    const orphaned = { ...JOB, mode: "session", sessionId: "ses_deleted000001" } as Job;
    // Before the lists load, a missing session is not yet known to be gone: nothing is said.
    useConversationsStore.setState({ isLoaded: false });
    const { rerender } = render(<JobCard job={orphaned} />);
    expect(screen.queryByText(/^Runs in /)).toBeNull();
    useConversationsStore.setState({ isLoaded: true });
    rerender(<JobCard job={{ ...orphaned }} />);
    expect(screen.getByText(/^Runs in /).textContent).toBe(
      "Runs in a session that no longer exists: its next run will fail and pause the job. Edit the job to pick another session, or to give each run a new worktree.",
    );
    // Paused (as the server pauses it once a run finds the session gone), it only says where it can no longer run.
    rerender(<JobCard job={{ ...orphaned, isEnabled: false, pausedReason: "The job's session was deleted." }} />);
    expect(screen.getByText(/^Runs in /).textContent).toBe("Runs in a session that no longer exists. Edit the job to pick another session, or to give each run a new worktree.");
  });

  it("words its schedule before the server answers (a phone on a slow link showed a bare '…' on every card)", () => {
    vi.stubGlobal("fetch", vi.fn(() => new Promise<Response>(() => undefined)));
    const cron = { ...JOB, schedule: { kind: "cron", expression: "0 9 * * 1-5", timezone: "Asia/Tokyo" } } as Job;
    const nightly = { ...JOB, id: "job_card00000003", name: "Nightly", schedule: { kind: "cron", expression: "30 2 * * *", timezone: "Europe/Berlin" } } as Job;
    const hourly = { ...JOB, id: "job_card00000002", name: "Hourly", schedule: { kind: "interval", every: 2, unit: "hours" } } as Job;
    render(<><JobCard job={cron} /><JobCard job={nightly} /><JobCard job={hourly} /></>);
    // A cron is worded at once, as the preview words it: it showed "cron 30 2 * * * (Europe/Berlin)" until then.
    expect(screen.getAllByTestId("schedule-preview").map((p) => p.textContent)).toEqual(["at 09:00 on Monday to Friday (Asia/Tokyo)", "at 02:30 (Europe/Berlin)", "every 2 hours"]);
    expect(screen.queryByText("…")).toBeNull();
  });

  it("on a device in the server's zone, offers to pin the zone against a server move instead of saying the clocks differ", async () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ description: "every day", nextFireTimes: [AT], clockZone: zone })));
    render(<JobCard job={{ ...JOB, schedule: { kind: "interval", every: 1, unit: "days" } } as Job} />);
    expect(await screen.findByRole("button", { name: `Pin to my time zone (${zone})` })).toBeTruthy();
    expect(screen.getByText(/stays put if the server's time zone changes/)).toBeTruthy();
    expect(screen.queryByText(/may change at other dates than yours/)).toBeNull();
    expect(screen.queryByRole("button", { name: /Use my time zone/ })).toBeNull();
  });

  it("pages its history back to the first run from the server (the device held only the newest, and 'Show all' drew those alone)", async () => {
    const history = Array.from({ length: 45 }, (_, i) => ({ ...RUN, id: `run_card${String(i).padStart(8, "0")}`, queuedAt: AT - i * 60_000, startedAt: AT - i * 60_000, endedAt: AT - i * 60_000 + 1_000 }) as Run);
    const asked: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), "http://chatml.test");
      if (url.pathname !== "/api/runs") return jsonResponse({ description: "once", nextFireTimes: [AT] });
      asked.push(url.search);
      const from = history.findIndex((run) => run.id === url.searchParams.get("before")) + 1;
      return jsonResponse({ runs: history.slice(from, from + Number(url.searchParams.get("limit"))), totals: { [JOB.id]: history.length } });
    }));
    useJobsStore.setState({ runs: Object.fromEntries(history.slice(0, 10).map((r) => [r.id, r])), runTotals: { [JOB.id]: history.length } });
    render(<JobCard job={JOB} />);
    expect(screen.getByText("History (45)")).toBeTruthy();
    expect(screen.getAllByTestId("run-row")).toHaveLength(5);
    fireEvent.click(screen.getByRole("button", { name: "Show older runs (40 more)" }));
    await waitFor(() => expect(screen.getAllByTestId("run-row")).toHaveLength(25));
    expect(asked).toEqual([`?jobId=${JOB.id}&before=${history[9]!.id}&limit=20`]);
    // A run opened from there and the back button: the history is shown as far back as it was, with nothing read again.
    cleanup();
    render(<JobCard job={JOB} />);
    expect(screen.getAllByTestId("run-row")).toHaveLength(25);
    expect(asked).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Show older runs (20 more)" }));
    await waitFor(() => expect(screen.getAllByTestId("run-row")).toHaveLength(45));
    expect(screen.getAllByTestId("run-row").map((row) => row.textContent)).toEqual(history.map((run) => expect.stringContaining(formatTime(run.startedAt!))));
    expect(screen.queryByRole("button", { name: /Show older runs/ })).toBeNull();

    // A run queued since, arriving live, is one more in the count.
    useJobsStore.getState().apply({ kind: "run", run: { ...RUN, id: "run_cardnew00001", status: "queued", queuedAt: AT + 60_000, startedAt: null, endedAt: null } as Run });
    expect(await screen.findByText("History (46)")).toBeTruthy();
    // An old run changing (its summary written again) is not one more, and the card shows it as it is now.
    useJobsStore.getState().apply({ kind: "run", run: { ...history[30]!, summary: "Written again." } });
    expect(await screen.findByText("Written again.")).toBeTruthy();
    expect(screen.getByText("History (46)")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show the newest only" }));
    expect(screen.getAllByTestId("run-row")).toHaveLength(5);
  });

  it("says Run now pressed during a run queued one behind it, naming that run one tap away (it said nothing)", async () => {
    const running = { ...RUN, id: "run_card00000003", status: "running", startedAt: AT, endedAt: null } as Run;
    const queued = { ...RUN, id: "run_card00000004", status: "queued", queuedAt: AT + 60_000, startedAt: null, endedAt: null } as Run;
    useJobsStore.setState({ runs: { [running.id]: running } });
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
      if (String(input).endsWith(`/api/jobs/${JOB.id}/run`)) {
        useJobsStore.setState({ runs: { [running.id]: running, [queued.id]: queued } }); // the entity frame
        return jsonResponse({ run: queued, waitsFor: running, wasWaiting: false }, 201);
      }
      return jsonResponse({ description: "once", nextFireTimes: [AT] });
    }));
    render(<JobCard job={JOB} />);
    fireEvent.click(screen.getByRole("button", { name: "Run now" }));
    const notice = await screen.findByText(/^Queued:/);
    expect(notice.textContent).toBe(`Queued: it starts when the run running since ${formatTime(AT)} ends.`);
    expect(screen.getByRole("list", { name: "Runs" }).textContent).toContain(`starts when the run since ${formatTime(AT)} ends`);
    expect(screen.getByRole("link", { name: "Open the running run" }).getAttribute("href")).toBe(`#/r/${running.id}`);
    fireEvent.click(screen.getByRole("link", { name: "Open the running run" }));
    expect(useNavStore.getState().hash).toBe(`#/r/${running.id}`);
  });

  it("says Run now queued behind other jobs' runs filling the pool, and stops saying it once the run starts (it said nothing)", async () => {
    const other = { ...RUN, id: "run_card00000005", jobId: "job_card00000002", status: "running", startedAt: AT, endedAt: null } as Run;
    const queued = { ...RUN, id: "run_card00000006", status: "queued", queuedAt: AT + 60_000, startedAt: null, endedAt: null } as Run;
    useJobsStore.setState({ runs: { [other.id]: other } });
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
      if (String(input).endsWith("/api/settings")) return jsonResponse({ settings: { jobConcurrency: 1 } });
      if (String(input).endsWith(`/api/jobs/${JOB.id}/run`)) {
        useJobsStore.setState({ runs: { [other.id]: other, [queued.id]: queued } }); // the entity frame
        return jsonResponse({ run: queued, waitsFor: null, wasWaiting: false }, 201);
      }
      return jsonResponse({ description: "once", nextFireTimes: [AT] });
    }));
    render(<JobCard job={JOB} />);
    fireEvent.click(screen.getByRole("button", { name: "Run now" }));
    const notice = await screen.findByText(/^Queued:/);
    expect(notice.textContent).toBe("Queued: 1 run of another job is under way and ChatML runs 1 job run at a time (Settings › Job runs at once): it starts when that run ends.");
    useJobsStore.setState({ runs: { [other.id]: { ...other, status: "succeeded", endedAt: AT + 1 }, [queued.id]: { ...queued, status: "running", startedAt: AT + 2 } } });
    await waitFor(() => expect(screen.queryByText(/^Queued:/)).toBeNull());
  });

  it("heads the card with the run under way, not the newer run queued behind it (its 'Queued' hid 'Waiting for you')", () => {
    const waiting = { ...RUN, id: "run_card00000005", status: "waiting", startedAt: AT, endedAt: null } as Run;
    const queued = { ...RUN, id: "run_card00000006", status: "queued", queuedAt: AT + 60_000, startedAt: null, endedAt: null } as Run;
    useJobsStore.setState({ runs: { [waiting.id]: waiting, [queued.id]: queued } });
    render(<JobCard job={JOB} />);
    expect(within(screen.getByRole("article", { name: `Job ${JOB.name}` }).querySelector("header") as HTMLElement).getByText("Waiting for you")).toBeTruthy();
  });

  it("asks before deleting a job whose run waits for you that the run goes on (the card and its Cancel went, the run stayed)", () => {
    const waiting = { ...RUN, id: "run_card00000007", status: "waiting", startedAt: AT, endedAt: null } as Run;
    useJobsStore.setState({ runs: { [waiting.id]: waiting } });
    const { unmount } = render(<JobCard job={JOB} />);
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    expect(screen.getByText(/^Delete "Fake job"\?/).textContent).toBe('Delete "Fake job"? Its schedule goes and runs waiting to start are cancelled; its run history stays. Its run waiting for you goes on: cancel it first to stop it.');
    unmount();
    useJobsStore.setState({ runs: { [RUN.id]: RUN } });
    render(<JobCard job={JOB} />);
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    expect(screen.getByText(/^Delete "Fake job"\?/).textContent).toBe('Delete "Fake job"? Its schedule goes and runs waiting to start are cancelled; its run history stays.');
  });

  it("says when a retry waiting out its backoff starts (it only said 'Queued')", () => {
    const retry = { ...RUN, id: "run_card00000002", trigger: "retry", status: "queued", retries: 1, queuedAt: AT, notBefore: AT + 30_000, startedAt: null, endedAt: null } as Run;
    useJobsStore.setState({ runs: { [retry.id]: retry } });
    render(<JobCard job={JOB} />);
    const runs = screen.getByRole("list", { name: "Runs" }).textContent ?? "";
    expect(runs).toContain(dotJoin(["retry", formatTime(AT), `starts at ${formatTime(AT + 30_000)} at the earliest`]));
    // Its long summary wraps on a phone: no line may start with a stray "·".
    expect(hasBreakBeforeDot(runs)).toBe(false);
  });

  it("shows a once job's time once, in the one format and the viewer's named zone, and says a run by hand leaves the timed run to come", async () => {
    useJobsStore.setState({ runs: { [RUN.id]: RUN } });
    render(<JobCard job={JOB} />);
    expect(screen.getByTestId("job-timing").textContent).toBe(`Runs once at ${formatTime(AT)} (your time, ${userTimeZone()}); ran now at ${formatTime(RUN.startedAt!)}, and still runs at its time`);
    await new Promise((resolve) => setTimeout(resolve, 300)); // past the preview's debounce
    expect(screen.queryByText(/2 Dec 2026, 23:21/)).toBeNull();
    expect(screen.queryByText(/^Next run/)).toBeNull();
  });

  it("says a job of a paused goal is paused with it (it read as enabled: 'No more runs scheduled' beside Pause)", async () => {
    const goal = { id: "gol_card00000001", workspaceId: JOB.workspaceId, title: "Keep it tidy", description: "", status: "paused" } as unknown as Goal;
    const every = { ...JOB, goalId: goal.id, schedule: { kind: "interval", every: 1, unit: "hours" }, nextFireAt: null } as Job;
    useJobsStore.setState({ goals: { [goal.id]: goal }, jobs: { [every.id]: every } });
    render(<JobCard job={every} />);
    expect(screen.getByTestId("job-timing").textContent).toBe("Paused with its goal “Keep it tidy”: it does not run on its schedule until the goal is resumed (Run now still runs it once).");
    expect(await screen.findByText("every hour")).toBeTruthy();
    expect(screen.queryByText("No more runs scheduled")).toBeNull();
  });

  it("words the cron schedule of a job paused with its goal as an enabled one's (it showed the bare expression)", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ description: "every 15 minutes, 09:00–17:59, Monday to Friday (UTC)", nextFireTimes: [] })));
    const goal = { id: "gol_card00000003", workspaceId: JOB.workspaceId, title: "Keep it tidy", description: "", status: "paused" } as unknown as Goal;
    const held = { ...JOB, goalId: goal.id, schedule: { kind: "cron", expression: "*/15 9-17 * * 1-5", timezone: "UTC" }, nextFireAt: null } as Job;
    useJobsStore.setState({ goals: { [goal.id]: goal }, jobs: { [held.id]: held } });
    render(<JobCard job={held} />);
    expect(await screen.findByText(/every 15 minutes, 09:00–17:59, Monday to Friday \(UTC\)/)).toBeTruthy();
    expect(screen.getByTestId("job-timing").textContent).toMatch(/^Paused with its goal “Keep it tidy”/);
    expect(screen.queryByText(/\*\/15 9-17/)).toBeNull();
  });

  it("words a paused cron job's schedule as an enabled one's (it showed the bare expression)", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ description: "every 15 minutes, 09:00–17:59, Monday to Friday (UTC)", nextFireTimes: [] })));
    const paused = { ...JOB, isEnabled: false, schedule: { kind: "cron", expression: "*/15 9-17 * * 1-5", timezone: "UTC" }, nextFireAt: null } as Job;
    render(<JobCard job={paused} />);
    expect(await screen.findByText(/every 15 minutes, 09:00–17:59, Monday to Friday \(UTC\)/)).toBeTruthy();
    expect(screen.getByText("Paused")).toBeTruthy();
    expect(screen.queryByText(/\*\/15 9-17/)).toBeNull();
  });

  it("says a job whose repository was removed does not run until it is restored (it said 'Next run …')", () => {
    const removed = { id: JOB.workspaceId, name: "parser", archivedAt: 1 } as unknown as Workspace;
    useConversationsStore.setState({ workspaces: { [removed.id]: removed } });
    const every = { ...JOB, schedule: { kind: "interval", every: 1, unit: "hours" }, nextFireAt: null } as Job;
    render(<JobCard job={every} />);
    expect(screen.getByTestId("job-timing").textContent).toBe("Its repository parser was removed: it does not run on its schedule until the repository is restored (then one catch-up run makes up for all the runs it missed meanwhile).");
    expect(screen.queryByText(/^Next run|No more runs scheduled/)).toBeNull();
  });

  it("offers no Run now for a job whose repository was removed, saying why (it ran, failed and paused the job)", () => {
    const removed = { id: JOB.workspaceId, name: "parser", archivedAt: 1 } as unknown as Workspace;
    useConversationsStore.setState({ workspaces: { [removed.id]: removed } });
    const paused = { ...JOB, isEnabled: false, nextFireAt: null } as Job;
    const { rerender } = render(<JobCard job={paused} />);
    const runNow = screen.getByRole("button", { name: "Run now" }) as HTMLButtonElement;
    expect(runNow.disabled).toBe(true);
    expect(runNow.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(runNow.getAttribute("aria-describedby")!)?.textContent).toBe("Run now is unavailable until the repository parser is restored.");
    useConversationsStore.setState({ workspaces: { [removed.id]: { ...removed, archivedAt: null } } });
    rerender(<JobCard job={paused} />);
    expect((screen.getByRole("button", { name: "Run now" }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByText(/Run now is unavailable/)).toBeNull();
  });

  it("offers the way to an archived goal's screen from its job (archived goals are listed nowhere)", () => {
    const goal = { id: "gol_card00000002", workspaceId: JOB.workspaceId, title: "Old plan", description: "", status: "archived" } as unknown as Goal;
    const every = { ...JOB, goalId: goal.id, schedule: { kind: "interval", every: 1, unit: "hours" }, nextFireAt: null } as Job;
    useJobsStore.setState({ goals: { [goal.id]: goal }, jobs: { [every.id]: every } });
    render(<JobCard job={every} />);
    expect(screen.getByTestId("job-timing").textContent).toContain("Archived with its goal “Old plan”");
    expect(screen.getByRole("link", { name: "Open goal" }).getAttribute("href")).toBe(`#/g/${goal.id}`);
    fireEvent.click(screen.getByRole("link", { name: "Open goal" }));
    expect(useNavStore.getState().hash).toBe(`#/g/${goal.id}`);
  });

  it("offers a run's Open as a link to its conversation", () => {
    useConversationsStore.setState({ sessions: { [RUN.sessionId!]: { id: RUN.sessionId } as never }, conversations: { [RUN.conversationId!]: { id: RUN.conversationId } as never } });
    useJobsStore.setState({ runs: { [RUN.id]: RUN } });
    render(<JobCard job={JOB} />);
    expect(screen.getByRole("link", { name: "Open run of Fake job" }).getAttribute("href")).toBe(`#/c/${RUN.conversationId}`);
    fireEvent.click(screen.getByRole("link", { name: "Open run of Fake job" }));
    expect(useNavStore.getState().hash).toBe(`#/c/${RUN.conversationId}`);
  });

  it("names a run's Cancel and Resume by its job, as its Details and Open are (a history had many a bare 'Cancel')", () => {
    const running = { ...RUN, id: "run_card00000009", status: "running", queuedAt: AT, isResumable: false } as Run;
    const stopped = { ...RUN, status: "cancelled", isResumable: true } as Run;
    useConversationsStore.setState({ sessions: { [RUN.sessionId!]: { id: RUN.sessionId } as never }, conversations: { [RUN.conversationId!]: { id: RUN.conversationId } as never } });
    useJobsStore.setState({ runs: { [running.id]: running, [stopped.id]: stopped } });
    render(<JobCard job={JOB} />);
    const runs = screen.getByRole("list", { name: "Runs" });
    expect(within(runs).getAllByRole("button").map((button) => button.getAttribute("aria-label") ?? button.textContent)).toEqual(["Cancel the run of Fake job", "Resume the run of Fake job"]);
  });

  it("names the base branch its worktree runs start from when it is not the default", () => {
    const { rerender } = render(<JobCard job={{ ...JOB, baseBranch: "develop" } as Job} />);
    expect(screen.getByText("Each run starts from", { exact: false }).textContent).toBe("Each run starts from develop");
    rerender(<JobCard job={JOB} />);
    expect(screen.queryByText("Each run starts from", { exact: false })).toBeNull();
  });

  it("offers no Open for a run whose session was deleted", () => {
    useJobsStore.setState({ runs: { [RUN.id]: RUN } });
    render(<JobCard job={JOB} />);
    expect(screen.queryByRole("link", { name: "Open run of Fake job" })).toBeNull();
    expect(screen.getByRole("link", { name: "Details of the run of Fake job" }).getAttribute("href")).toBe(`#/r/${RUN.id}`);
  });

  it("keeps the keyboard on the job's Pause / Resume as one becomes the other (it fell to the page's body)", async () => {
    let answer: (response: Response) => void = () => undefined;
    vi.stubGlobal("fetch", vi.fn((input: RequestInfo | URL) => String(input).includes("/schedule-preview") ? Promise.resolve(jsonResponse({ description: "every day", nextFireTimes: [] })) : new Promise<Response>((resolve) => (answer = resolve))));
    const DAILY = { ...JOB, schedule: { kind: "interval", every: 1, unit: "days", timezone: "UTC" } } as Job;
    const { rerender } = render(<JobCard job={DAILY} />);
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    fireEvent.click(screen.getByRole("button", { name: "Pause job" }));
    // The socket's news of the change comes before the answer: the Resume drawn is disabled until then.
    rerender(<JobCard job={{ ...DAILY, isEnabled: false }} />);
    act(() => answer(jsonResponse({ job: { ...DAILY, isEnabled: false } })));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Resume" })));
    fireEvent.click(screen.getByRole("button", { name: "Resume" }));
    act(() => answer(jsonResponse({ job: DAILY })));
    // The answer first, the socket's news after.
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>("button", { name: "Resume" }).disabled).toBe(false));
    rerender(<JobCard job={DAILY} />);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Pause" })));
  });
});

describe("SchedulePreview", () => {
  it("formats a once schedule's time as every other time is (not in the server's format), and names the zone it is in", async () => {
    render(<ScheduleEditor label="Schedule" value={{ kind: "once", at: AT }} onChange={() => undefined} />);
    await waitFor(() => expect(screen.getByTestId("schedule-preview").textContent).toBe(`once, ${formatTime(AT)} (your time, ${userTimeZone()})`));
  });

  it("says a once job's time passed while it was paused, and offers a new time (it said only 'no more runs scheduled')", () => {
    const resumed = { ...JOB, schedule: { kind: "once", at: Date.now() - 60_000 }, nextFireAt: null, lastFireAt: null } as Job;
    render(<JobCard job={resumed} />);
    expect(screen.getByRole("status").textContent).toContain("passed while it was paused, so it did not run — set a new time or run it now.");
    expect(screen.getByRole("button", { name: "Run now" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Set a new time" }));
    expect(screen.queryByRole("article", { name: "Job Fake job" })).toBeNull(); // the form to set it
    cleanup();
    useJobsStore.setState({ runs: { [RUN.id]: { ...RUN, queuedAt: Date.now() } as Run } });
    render(<JobCard job={resumed} />);
    expect(screen.queryByText(/passed while it was paused/)).toBeNull(); // run now did it
  });

  it("says a skipped once job's time may have passed while ChatML was not running (it said only 'while it was paused')", () => {
    render(<JobCard job={{ ...JOB, missedPolicy: "skip", schedule: { kind: "once", at: Date.now() - 60_000 }, nextFireAt: null, lastFireAt: null } as Job} />);
    expect(screen.getByRole("status").textContent).toContain("passed while it was paused, ChatML was not running or its repository was removed (missed runs are skipped), so it did not run");
  });

  it("says nothing of a passed time for a once job that ran at its time", () => {
    render(<JobCard job={{ ...JOB, nextFireAt: null, lastFireAt: AT } as Job} />);
    expect(screen.queryByText(/passed while it was paused/)).toBeNull();
  });

});

