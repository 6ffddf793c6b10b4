import { describe, expect, it } from "vitest";
import { nextStatus, type RuntimeSignal, type StatusState } from "./status-machine.ts";

const run = (signals: RuntimeSignal[], start: StatusState = { status: "idle", reason: null, pendingPermissions: 0 }) =>
  signals.reduce(nextStatus, start);

const exited = (isExpected: boolean): RuntimeSignal => ({
  kind: "cli-event",
  event: { type: "process.exited", code: null, signal: "SIGKILL", reason: "killed by SIGKILL", stderrTail: "", isExpected },
});
const requested = { kind: "cli-event", event: { type: "permission.requested", request: { kind: "tool", toolName: "Bash" } } } as unknown as RuntimeSignal;
const question = { kind: "cli-event", event: { type: "permission.requested", request: { kind: "question", toolName: "AskUserQuestion" } } } as unknown as RuntimeSignal;
const plan = { kind: "cli-event", event: { type: "permission.requested", request: { kind: "plan", toolName: "ExitPlanMode" } } } as unknown as RuntimeSignal;
const resolved = { kind: "cli-event", event: { type: "permission.resolved" } } as unknown as RuntimeSignal;
const completed = { kind: "cli-event", event: { type: "turn.completed" } } as unknown as RuntimeSignal;

describe("nextStatus", () => {
  it("walks a normal turn", () => {
    expect(run([{ kind: "launching" }]).status).toBe("starting");
    expect(run([{ kind: "launching" }, { kind: "launched" }]).status).toBe("ready");
    expect(run([{ kind: "launching" }, { kind: "launched" }, { kind: "user-message-sent" }]).status).toBe("running");
    expect(run([{ kind: "launching" }, { kind: "launched" }, { kind: "user-message-sent" }, completed]).status).toBe("ready");
  });

  it("waits while permissions are open and resumes when all are answered", () => {
    const base: RuntimeSignal[] = [{ kind: "launching" }, { kind: "launched" }, { kind: "user-message-sent" }];
    expect(run([...base, requested, requested]).status).toBe("waiting");
    expect(run([...base, requested, requested, resolved]).status).toBe("waiting");
    expect(run([...base, requested, requested, resolved, resolved]).status).toBe("running");
  });

  it("says what the user is waited for", () => {
    expect(run([{ kind: "user-message-sent" }, requested]).reason).toBe("Asks to run Bash");
    expect(run([{ kind: "user-message-sent" }, question]).reason).toBe("Asks you a question");
    expect(run([{ kind: "user-message-sent" }, plan]).reason).toBe("Waits for you to approve a plan");
    expect(run([{ kind: "user-message-sent" }, requested, resolved]).reason).toBeNull();
  });

  it("keeps waiting after a result when a background agent still asks", () => {
    expect(run([{ kind: "user-message-sent" }, requested, completed]).status).toBe("waiting");
  });

  it("tells an unexpected exit from a requested stop", () => {
    expect(run([{ kind: "user-message-sent" }, exited(false)])).toEqual({ status: "exited", reason: "killed by SIGKILL", pendingPermissions: 0 });
    expect(run([{ kind: "user-message-sent" }, exited(true)]).status).toBe("idle");
  });

  it("reports a failed launch with its reason", () => {
    expect(run([{ kind: "launching" }, { kind: "launch-failed", reason: "CLI not found" }])).toMatchObject({ status: "exited", reason: "CLI not found" });
  });
});
