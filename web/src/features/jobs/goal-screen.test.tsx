// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Goal, Workspace } from "../../../../shared/index.ts";
import { routeHref } from "../../stores/nav-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { stubJobsFetch } from "./jobs-test-kit.ts";
import { GoalScreen } from "./goal-screen.tsx";

const GOAL = {
  id: "gol_goalscreen01", workspaceId: "wsp_goalscreen01", title: "Raise coverage", description: "", status: "active", createdAt: 1, updatedAt: 1,
  plan: { status: "proposed", assessment: "Coverage is 60 %.", jobs: [{ name: "Tests", prompt: "Add tests", schedule: { kind: "interval", every: 1, unit: "days" }, priority: "normal" }], error: null, feedback: null, approvedAt: null },
} as unknown as Goal;

isolateDomTests();

describe("GoalScreen", () => {
  it("tells a device that approves a plan approved already (on another device) that nothing new was made", async () => {
    useJobsStore.setState({ goals: { [GOAL.id]: GOAL }, jobs: {}, runs: {}, isLoaded: true });
    const approved = { ...GOAL, updatedAt: 2, plan: { ...GOAL.plan, status: "approved", approvedAt: 2 } };
    stubJobsFetch({ goal: approved, jobs: [], isAlreadyApproved: true });
    render(<GoalScreen id={GOAL.id} />);
    fireEvent.click(screen.getByRole("button", { name: "Approve plan (1 job)" }));
    expect((await screen.findByRole("status")).textContent).toContain("This plan had been approved already (on another device, or by an earlier tap)");
    expect(screen.queryByRole("region", { name: "Proposed plan" })).toBeNull();
  });

  it("says a removed repository's goal cannot be planned or approved until it is restored, with a link to it", () => {
    useJobsStore.setState({ goals: { [GOAL.id]: GOAL }, jobs: {}, runs: {}, isLoaded: true });
    useConversationsStore.setState({ workspaces: { [GOAL.workspaceId]: { id: GOAL.workspaceId, name: "api", archivedAt: 5 } as unknown as Workspace } });
    stubJobsFetch({});
    render(<GoalScreen id={GOAL.id} />);
    expect(screen.getByRole("note").textContent).toContain("The repository api was removed (its history is kept): its jobs wait, and this goal cannot be planned or its plan approved until it is restored.");
    expect(screen.getByRole("link", { name: "Open api to restore it" }).getAttribute("href")).toBe(routeHref({ view: "workspace", id: GOAL.workspaceId }));
  });

  it("names the job left without a name beside Approve, and asks the server nothing", async () => {
    useJobsStore.setState({ goals: { [GOAL.id]: GOAL }, jobs: {}, runs: {}, isLoaded: true });
    const fetch = stubJobsFetch({});
    render(<GoalScreen id={GOAL.id} />);
    fireEvent.click(screen.getByRole("button", { name: "Add a job" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Job 2 name" }), { target: { value: "  " } });
    fireEvent.click(screen.getByRole("button", { name: "Approve plan (2 jobs)" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Job 2 has no name: give it one, or remove the job.");
    // Right under the button pressed, before the feedback box and Re-plan.
    expect(alert.previousElementSibling?.contains(screen.getByRole("button", { name: "Approve plan (2 jobs)" }))).toBe(true);
    expect(fetch.calls()).toEqual([]);
  });

  it("asks before archiving a goal, and archives it only when told to", async () => {
    useJobsStore.setState({ goals: { [GOAL.id]: GOAL }, jobs: {}, runs: {}, isLoaded: true });
    const fetch = stubJobsFetch({ goal: { ...GOAL, status: "archived", updatedAt: 2 } });
    render(<GoalScreen id={GOAL.id} />);
    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    expect(fetch.calls()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    expect(screen.getByRole("group", { name: "Archive this goal? It leaves the list of goals, and its jobs stop running on their schedule until you resume it." })).toBeTruthy();
    expect(fetch.calls()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Archive goal" }));
    await vi.waitFor(() => expect(fetch.calls()).toHaveLength(1));
    expect(JSON.parse(String(fetch.calls()[0]![1]?.body))).toEqual({ status: "archived" });
  });

  it("asks before pausing a goal (its queued runs are cancelled), and pauses it only when told to", async () => {
    useJobsStore.setState({ goals: { [GOAL.id]: GOAL }, jobs: {}, runs: {}, isLoaded: true });
    const fetch = stubJobsFetch({ goal: { ...GOAL, status: "paused", updatedAt: 2 } });
    render(<GoalScreen id={GOAL.id} />);
    fireEvent.click(screen.getByRole("button", { name: "Pause goal" }));
    expect(screen.getByRole("group", { name: "Pause this goal? Its jobs stop running on their schedule and their queued runs are cancelled; a running one goes on." })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
    expect(fetch.calls()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Pause goal" }));
    fireEvent.click(within(screen.getByRole("group", { name: /^Pause this goal\?/ })).getByRole("button", { name: "Pause goal" }));
    await vi.waitFor(() => expect(fetch.calls()).toHaveLength(1));
    expect(JSON.parse(String(fetch.calls()[0]![1]?.body))).toEqual({ status: "paused" });
  });
});
