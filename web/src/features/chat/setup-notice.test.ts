import { describe, expect, it } from "vitest";
import type { SessionSetup, SetupStep } from "../../../../shared/index.ts";
import { setupNote } from "./setup-notice.tsx";

const setup = (status: SessionSetup["status"], steps: Partial<Record<SetupStep["name"], SetupStep["status"]>>, error: string | null = null): SessionSetup => ({
  status,
  steps: (["fetch", "worktree", "copy", "setup"] as const).map((name) => ({ name, status: steps[name] ?? "pending", detail: null })),
  log: "",
  error,
});

describe("setupNote", () => {
  it("says what runs, and whether a message waits for the worktree or Claude can start in it", () => {
    expect(setupNote(setup("running", { fetch: "running" }))?.text).toBe("Fetching the base branch… A message you send now goes to Claude once the worktree is ready.");
    expect(setupNote(setup("running", { fetch: "skipped", worktree: "running" }))?.text).toBe("Creating the worktree… A message you send now goes to Claude once the worktree is ready.");
    expect(setupNote(setup("running", { fetch: "done", worktree: "done", copy: "done", setup: "running" }))).toEqual({ text: "Running the setup script… Claude can start in the worktree meanwhile.", isProblem: false });
  });

  it("says nothing once the setup went through, and how it went wrong when it did", () => {
    expect(setupNote(setup("ready", { fetch: "done", worktree: "done", copy: "done", setup: "done" }))).toBeNull();
    expect(setupNote(setup("ready", { worktree: "done", setup: "failed" }, "The setup script failed (exit code 1)."))).toEqual({ text: "Setup finished with a problem: The setup script failed (exit code 1).", isProblem: true });
    expect(setupNote(setup("failed", { worktree: "failed" }, "The worktree could not be created: bad ref."))).toEqual({ text: "The worktree could not be created: bad ref. Delete this session and create a new one.", isProblem: true });
  });
});
