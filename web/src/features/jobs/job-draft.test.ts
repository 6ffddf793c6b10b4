import { describe, expect, it } from "vitest";
import type { Job } from "../../../../shared/index.ts";
import { newId } from "../../../../shared/ids.ts";
import { checkStoredDraft, draftOf, emptyDraft, rebaseDraft, toCreateInput, toUpdateInput, type JobDraft } from "./job-draft.ts";

const WORKSPACE = newId("workspace");

describe("job drafts", () => {
  it("turns a filled draft into the API's create input, empty optional fields as null", () => {
    const draft = { ...emptyDraft(WORKSPACE), name: " Nightly deps ", prompt: "Update dependencies", maxBudgetUsd: "2.5", timeoutMinutes: "45", maxRetries: "1", missedPolicy: "skip" as const };
    const result = toCreateInput(draft);
    expect(result).toEqual({
      ok: true,
      input: expect.objectContaining({ workspaceId: WORKSPACE, name: "Nightly deps", maxBudgetUsd: 2.5, timeoutMinutes: 45, maxRetries: 1, missedPolicy: "skip", model: null, sessionId: null, mode: "worktree" }),
    });
  });

  it("gives a new job's daily schedule this device's zone, so it keeps its time of day when the clocks change (it had none)", () => {
    const result = toCreateInput({ ...emptyDraft(WORKSPACE), name: "Nightly", prompt: "Tidy" });
    expect(result.ok && result.input.schedule).toEqual({ kind: "interval", every: 1, unit: "days", timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  });

  it("names every wrong field in words, and keeps the draft as typed", () => {
    const draft = { ...emptyDraft(WORKSPACE), name: "", prompt: "x", timeoutMinutes: "soon", maxRetries: "1.5", maxBudgetUsd: "-1" };
    const first = toCreateInput(draft);
    expect(first).toEqual({ ok: false, errors: { timeoutMinutes: "Time limit (minutes): enter a number." } });
    const second = toCreateInput({ ...draft, timeoutMinutes: "0" });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.errors.name).toBe("Name: this is required.");
    expect(second.errors.timeoutMinutes).toMatch(/^Time limit \(minutes\): must be more than 0/);
    expect(second.errors.maxRetries).toBe("Retries: must be a whole number.");
    expect(second.errors.maxBudgetUsd).toMatch(/^Budget \(USD\): must be more than 0/);
    expect(draft.timeoutMinutes).toBe("soon");
  });

  it("carries a job's own turn budget, empty as the workspace's default, refuses a part turn, and fills it into a draft stored before it existed", () => {
    const draft = { ...emptyDraft(WORKSPACE), name: "n", prompt: "p", maxTurns: "12" };
    const saved = toCreateInput(draft);
    expect(saved.ok && saved.input.maxTurns).toBe(12);
    const none = toCreateInput({ ...draft, maxTurns: " " });
    expect(none.ok && none.input.maxTurns).toBeNull();
    const part = toCreateInput({ ...draft, maxTurns: "1.5" });
    expect(part.ok ? null : part.errors.maxTurns).toBe("Turn budget: must be a whole number.");
    expect(draftOf({ ...(saved.ok ? saved.input : {}), maxTurns: 12 } as unknown as Job).maxTurns).toBe("12");
    const { maxTurns: _dropped, ...older } = draft;
    expect(checkStoredDraft(older as JobDraft, emptyDraft(WORKSPACE)).maxTurns).toBe("");
  });

  it("asks for the session of a job that runs in a fixed session", () => {
    const result = toCreateInput({ ...emptyDraft(WORKSPACE), name: "n", prompt: "p", mode: "session" });
    expect(result).toEqual({ ok: false, errors: { sessionId: "Session: pick the session every run continues in." } });
  });

  it("round-trips a job through its edit draft, sending the schedule only when it changed", () => {
    const job = {
      id: newId("job"), workspaceId: WORKSPACE, goalId: null, name: "n", prompt: "p", mode: "worktree", sessionId: null, baseBranch: null, model: "sonnet", effort: "high",
      permissionMode: "acceptEdits", maxBudgetUsd: null, schedule: { kind: "cron", expression: "0 9 * * *", timezone: "Europe/Berlin" }, missedPolicy: "run_once",
      priority: "normal", timeoutMinutes: 30, maxRetries: 3, isCorrectiveEnabled: true, isEnabled: true, pausedReason: null, nextFireAt: null, lastFireAt: null, createdAt: 1, updatedAt: 1,
    } as Job;
    expect(toUpdateInput(draftOf(job), job)).toEqual({
      ok: true,
      input: { name: "n", prompt: "p", mode: "worktree", sessionId: null, baseBranch: null, model: "sonnet", effort: "high", permissionMode: "acceptEdits", missedPolicy: "run_once", maxBudgetUsd: null, maxTurns: null, timeoutMinutes: 30, maxRetries: 3 },
    });
    // A job saved before jobs had an effort level, and a draft stored then, keep the CLI's default.
    const { effort: _effort, ...older } = job;
    expect(toUpdateInput(draftOf(older as Job), job)).toMatchObject({ ok: true, input: { effort: null } });
    const { effort: _stored, ...storedDraft } = draftOf(job);
    expect(checkStoredDraft(storedDraft as JobDraft, emptyDraft(WORKSPACE)).effort).toBe("");
    const every = { kind: "interval", every: 2, unit: "hours" } as const;
    expect(toUpdateInput({ ...draftOf(job), schedule: every }, job)).toMatchObject({ ok: true, input: { schedule: every } });
  });

  it("keeps a day interval saved without a zone on the server's clocks when its number changes (its zone list says so); a new one gets this device's zone", () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const job = { ...draftOf({ workspaceId: WORKSPACE, name: "n", prompt: "p", mode: "worktree", sessionId: null, model: null, permissionMode: "default", maxBudgetUsd: null, schedule: { kind: "interval", every: 1, unit: "days" }, missedPolicy: "run_once", timeoutMinutes: 30, maxRetries: 3 } as unknown as Job) };
    const saved = { schedule: { kind: "interval", every: 1, unit: "days" } } as Pick<Job, "schedule">;
    const unchanged = toUpdateInput(job, saved);
    expect(unchanged.ok && "schedule" in unchanged.input).toBe(false);
    expect(toUpdateInput({ ...job, schedule: { kind: "interval", every: 2, unit: "days" } }, saved)).toMatchObject({ ok: true, input: { schedule: { kind: "interval", every: 2, unit: "days" } } });
    const changed = toUpdateInput({ ...job, schedule: { kind: "interval", every: 2, unit: "days" } }, saved);
    expect(changed.ok && changed.input.schedule && "timezone" in changed.input.schedule).toBe(false);
    expect(toCreateInput({ ...job, schedule: { kind: "interval", every: 3, unit: "days" } })).toMatchObject({ ok: true, input: { schedule: { kind: "interval", every: 3, unit: "days", timezone: zone } } });
  });

  it("moves an edit onto a newer version of its job: untouched fields take the new values, typed ones stay", () => {
    const was = { ...emptyDraft(WORKSPACE), name: "Deps", prompt: "Update" };
    const now = { ...was, name: "Deps nightly", maxBudgetUsd: "2", schedule: { kind: "cron" as const, expression: "0 6 * * *", timezone: "UTC" } };
    const typed = { ...was, name: "Deps weekly", prompt: "Update and test" };
    expect(rebaseDraft(typed, was, now)).toEqual({ draft: { ...now, name: "Deps weekly", prompt: "Update and test" }, changed: ["name", "schedule", "maxBudgetUsd"], overridden: ["name"] });
    // The same change made on both devices is no conflict.
    expect(rebaseDraft({ ...typed, name: "Deps nightly" }, was, now).overridden).toEqual([]);
    expect(rebaseDraft(typed, was, was)).toEqual({ draft: typed, changed: [], overridden: [] });
  });
});
