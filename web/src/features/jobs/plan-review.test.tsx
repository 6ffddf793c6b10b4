// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Goal } from "../../../../shared/index.ts";
import { PlanReview } from "./plan-review.tsx";
import { actWhenDrawn, isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { stubJobsFetch } from "./jobs-test-kit.ts";

const GOAL = {
  id: "gol_planreview1",
  title: "Raise coverage",
  plan: { status: "proposed", assessment: "Coverage is 60 %.", jobs: [{ name: "Tests", prompt: "Add tests", schedule: { kind: "interval", every: 1, unit: "days" }, priority: "normal" }], error: null, feedback: null, approvedAt: null },
} as unknown as Goal;

const feedback = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Feedback for a new plan" });

isolateDomTests();

describe("PlanReview (a goal's proposed plan)", () => {
  it("keeps feedback being written when the screen is left, and clears it once the new plan is asked for", async () => {
    // The plan's day job has no zone: the screen asks the server for its own (a preview) as it opens.
    const { calls } = stubJobsFetch({ goal: GOAL });
    render(<PlanReview goal={GOAL} />);
    fireEvent.change(feedback(), { target: { value: "Fewer jobs; run nightly." } });
    cleanup();
    render(<PlanReview goal={GOAL} />);
    expect(feedback().value).toBe("Fewer jobs; run nightly.");
    fireEvent.click(screen.getByRole("button", { name: "Re-plan" }));
    await waitFor(() => expect(feedback().value).toBe(""));
    expect(JSON.parse(String(calls()[0]![1]!.body))).toMatchObject({ feedback: "Fewer jobs; run nightly." });
    cleanup();
    render(<PlanReview goal={GOAL} />);
    expect(feedback().value).toBe("");
  });

  it("keeps edits to the proposed jobs when the screen is left, for that proposal only", () => {
    stubJobsFetch({ goal: GOAL });
    const prompt = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Job 1 prompt" });
    render(<PlanReview goal={GOAL} />);
    fireEvent.change(prompt(), { target: { value: "Add tests for the tokenizer first" } });
    cleanup();
    render(<PlanReview goal={GOAL} />);
    expect(prompt().value).toBe("Add tests for the tokenizer first");
    cleanup();
    const replanned = { ...GOAL, plan: { ...GOAL.plan, jobs: [{ ...GOAL.plan.jobs[0], prompt: "Add tests nightly" }] } } as Goal;
    render(<PlanReview goal={replanned} />);
    expect(prompt().value).toBe("Add tests nightly");
  });

  it("shows a planned day job's time and zone and approves the ones picked (it took the approval's moment)", async () => {
    const { calls } = stubJobsFetch({ goal: GOAL, isAlreadyApproved: false });
    render(<PlanReview goal={GOAL} />);
    const time = screen.getByLabelText<HTMLInputElement>("Job 1 schedule: time of day");
    expect(time.value).toBe("");
    expect(screen.getByText("the time it is saved")).toBeTruthy();
    fireEvent.change(time, { target: { value: "07:15" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Job 1 schedule: time zone" }), { target: { value: "Europe/Berlin" } });
    fireEvent.click(screen.getByRole("button", { name: /Approve plan/ }));
    await waitFor(() => expect(calls().some(([url]) => String(url instanceof Request ? url.url : url).includes("/approve"))).toBe(true));
    const approval = calls().find(([url]) => String(url instanceof Request ? url.url : url).includes("/approve"))!;
    expect(JSON.parse(String(approval[1]!.body)).jobs[0].schedule).toEqual({ kind: "interval", every: 1, unit: "days", at: "07:15", timezone: "Europe/Berlin" });
  });

  it("drops an approval's refusal once the jobs it was about are edited ('Job 1 has no name' stayed under the name typed)", async () => {
    stubJobsFetch({ goal: GOAL });
    render(<PlanReview goal={GOAL} />);
    const name = screen.getByRole<HTMLInputElement>("textbox", { name: "Job 1 name" });
    const refusal = "Job 1 has no name: give it one, or remove the job.";
    fireEvent.change(name, { target: { value: " " } });
    fireEvent.click(screen.getByRole("button", { name: /Approve plan/ }));
    expect((await screen.findByText(refusal)).getAttribute("role")).toBe("alert");
    fireEvent.change(name, { target: { value: "Tests" } });
    expect(screen.queryByText(refusal)).toBeNull();
  });

  it("holds Approve back while a job's schedule cannot fire, says why beside it and takes you to that schedule", async () => {
    const PAST = "The schedule: That time is in the past; pick a time from now on.";
    // The server refuses the past time in the preview, as it would the approval.
    const fetch = vi.fn(async (input: string | URL | Request) => (String(input).includes("/schedule-preview") ? jsonResponse({ error: { code: "bad_request", message: PAST } }, 400) : jsonResponse({ goal: GOAL })));
    vi.stubGlobal("fetch", fetch);
    render(<PlanReview goal={GOAL} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Job 1 schedule: kind" }), { target: { value: "once" } });
    fireEvent.change(screen.getByLabelText("Job 1 schedule: time"), { target: { value: "2020-01-01T10:00" } });
    // Tapped the moment the reason shows: the plan knew it only an effect later, and sent the approval (a loaded run's flake).
    await actWhenDrawn(() => screen.queryByText(PAST) !== null, () => fireEvent.click(screen.getByRole("button", { name: /Approve plan/ })));
    expect((await screen.findByText("Job 1's schedule cannot run (said under it): change it, or remove the job.")).getAttribute("role")).toBe("alert");
    expect(document.activeElement).toBe(screen.getByLabelText("Job 1 schedule: time"));
    expect(fetch.mock.calls.filter(([input]) => !String(input).includes("/schedule-preview"))).toEqual([]);
  });
});
