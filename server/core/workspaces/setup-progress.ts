import type { SessionId } from "../../../shared/ids.ts";
import type { SessionSetup, SetupStep } from "../../../shared/protocol/model.ts";
import { patchSession, type EntityDeps } from "../entity-context.ts";

/** Most setup output kept on a session (the tail). */
const MAX_LOG_CHARS = 32_000;
/** Streamed output is published at most this often. */
const LOG_FLUSH_MS = 200;

/** The steps of a new worktree session, all pending. */
export function initialSetup(): SessionSetup {
  const step = (name: SetupStep["name"]): SetupStep => ({ name, status: "pending", detail: null });
  return { status: "running", steps: [step("fetch"), step("worktree"), step("copy"), step("setup")], log: "", error: null };
}

/**
 * A setup the server's crash cut short, as a restart finds it. With its worktree made (and still on disk) the session
 * is usable, as after a script that failed: only the script was cut short, and it can be run again. Without one it
 * failed. A step left running or pending says so instead of spinning forever.
 */
export function cutShortSetup(setup: SessionSetup, hasWorktree: boolean): SessionSetup {
  const steps = setup.steps.map((step): SetupStep => {
    if (step.status === "running") return { ...step, status: "failed", detail: "ChatML stopped" };
    if (step.status === "pending") return { ...step, status: "skipped", detail: "ChatML stopped before this step" };
    return step;
  });
  const isWorktreeMade = hasWorktree && steps.some((step) => step.name === "worktree" && step.status === "done");
  return isWorktreeMade
    ? { ...setup, steps, status: "ready", error: "The setup script did not finish (ChatML stopped); the session is usable. Run the setup script again to finish it." }
    : { ...setup, steps, status: "failed", error: "ChatML stopped during setup." };
}

/** Records a session's creation progress and publishes it: step changes at once, script output throttled. */
export class SetupProgress {
  private setup: SessionSetup;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `from`: an earlier setup whose steps stay as they were (re-running only the script). */
  constructor(
    private readonly deps: EntityDeps,
    private readonly sessionId: SessionId,
    from?: SessionSetup,
  ) {
    this.setup = from ? { ...from, status: "running", log: "", error: null } : initialSetup();
  }

  step(name: SetupStep["name"], status: SetupStep["status"], detail: string | null = null): void {
    this.setup = { ...this.setup, steps: this.setup.steps.map((s) => (s.name === name ? { name, status, detail } : s)) };
    this.flush();
  }

  log(chunk: string): void {
    const log = this.setup.log + chunk;
    this.setup = { ...this.setup, log: log.length > MAX_LOG_CHARS ? log.slice(-MAX_LOG_CHARS) : log };
    this.timer ??= setTimeout(() => this.flush(), LOG_FLUSH_MS);
  }

  /** Ends the progress: `ready` (usable, maybe with an error note) or `failed` (no worktree). */
  finish(status: "ready" | "failed", error: string | null): void {
    this.setup = { ...this.setup, status, error };
    this.flush();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      patchSession(this.deps, this.sessionId, { setup: this.setup }, true);
    } catch (error) {
      // The session was deleted while it was being set up; nothing is left to report to.
      console.warn(`[sessions] setup progress of ${this.sessionId} dropped:`, error instanceof Error ? error.message : error);
    }
  }
}
