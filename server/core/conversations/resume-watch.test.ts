import { describe, expect, it } from "vitest";
import type { MessageId } from "../../../shared/ids.ts";
import type { CliExitInfo, CliMessage } from "../../claude/contracts.ts";
import type { Prompt } from "./live-cli.ts";
import { ResumeWatch } from "./resume-watch.ts";

const said = "No conversation found with session ID: 3f1c0a2e-1111-4222-8333-444455556666";
const lostExit: CliExitInfo = { code: 1, signal: null, stderrTail: `${said}\n` };
const crashExit: CliExitInfo = { code: 1, signal: null, stderrTail: "Error: something else\n" };
const lostResult: CliMessage = { type: "result", subtype: "error_during_execution", is_error: true, errors: [said] };
const firstLine: CliMessage = { type: "system", subtype: "init", session_id: "3f1c0a2e-1111-4222-8333-444455556666" };

function prompt(id: string, hasRecap = false): Prompt {
  const message = { text: id, images: [] };
  return { messageId: id as MessageId, message, text: hasRecap ? `recap\n${id}` : id, hasRecap };
}

describe("a resumed CLI's session, watched until it shows it found it", () => {
  it("hands the message a lost session swallowed to the next CLI, and owes it a recap until one is sent", () => {
    const watch = new ResumeWatch();
    watch.launching("3f1c0a2e-1111-4222-8333-444455556666");
    watch.sent(prompt("msg_1"));
    expect(watch.isLostSessionLine(lostResult)).toBe(true);
    expect(watch.isLostSessionExit(lostExit)).toBe(true);
    expect(watch.exited(lostExit)).toEqual({ lost: { messageId: "msg_1", message: { text: "msg_1", images: [] } } });
    expect(watch.isRecapPending).toBe(true);
    watch.launching(null);
    watch.sent(prompt("msg_1", true));
    expect(watch.isRecapPending).toBe(false);
  });

  it("a prompt the CLI did not take is kept only while the resume is unconfirmed, handed over by a lost session, and dropped on request", () => {
    const watch = new ResumeWatch();
    expect(watch.keepUnwritten(prompt("msg_0"))).toBe(false);
    watch.launching("3f1c0a2e-1111-4222-8333-444455556666");
    expect(watch.keepUnwritten(prompt("msg_1"))).toBe(true);
    expect(watch.exited(lostExit)).toEqual({ lost: { messageId: "msg_1", message: { text: "msg_1", images: [] } } });
    expect(watch.handedOver("msg_1" as MessageId)).toBe(true);

    watch.launching("3f1c0a2e-1111-4222-8333-444455556666");
    expect(watch.keepUnwritten(prompt("msg_2"))).toBe(true);
    watch.drop("msg_2" as MessageId);
    expect(watch.exited(lostExit)).toEqual({ lost: null });
    expect(watch.handedOver("msg_2" as MessageId)).toBe(false);

    watch.launching("3f1c0a2e-1111-4222-8333-444455556666");
    expect(watch.keepUnwritten(prompt("msg_3"))).toBe(true);
    expect(watch.exited(crashExit)).toBeNull();
    expect(watch.handedOver("msg_3" as MessageId)).toBe(false);
  });

  it("a line other than the lost session's error confirms the resume: a later exit is an ordinary one", () => {
    const watch = new ResumeWatch();
    watch.launching("3f1c0a2e-1111-4222-8333-444455556666");
    watch.sent(prompt("msg_1"));
    expect(watch.isLostSessionLine(firstLine)).toBe(false);
    expect(watch.isLostSessionLine(lostResult)).toBe(false);
    expect(watch.isLostSessionExit(lostExit)).toBe(false);
    expect(watch.exited(lostExit)).toBeNull();
    expect(watch.isRecapPending).toBe(false);
  });

  it("a new session has nothing to confirm, and an exit for another reason keeps no message for the next CLI", () => {
    const fresh = new ResumeWatch();
    fresh.launching(null);
    fresh.sent(prompt("msg_1"));
    expect(fresh.exited(lostExit)).toBeNull();
    const crashed = new ResumeWatch();
    crashed.launching("3f1c0a2e-1111-4222-8333-444455556666");
    crashed.sent(prompt("msg_1"));
    expect(crashed.exited(crashExit)).toBeNull();
    crashed.launching("3f1c0a2e-1111-4222-8333-444455556666");
    expect(crashed.exited(lostExit)).toEqual({ lost: null });
  });
});
