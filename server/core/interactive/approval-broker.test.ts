import { describe, expect, it } from "vitest";
import type { SessionId, TerminalId } from "../../../shared/ids.ts";
import { ApprovalBroker } from "./approval-broker.ts";

const TERMINAL = "trm_broker-test" as TerminalId;
const SESSION = "ses_broker-test" as SessionId;

function broker(waitMs = 60_000) {
  const b = new ApprovalBroker(() => 1000, waitMs);
  const secret = ApprovalBroker.newSecret();
  b.register(TERMINAL, SESSION, secret);
  return { b, secret };
}

describe("approval broker", () => {
  it("holds a hook call until a device answers, and lists it meanwhile", async () => {
    const { b, secret } = broker();
    const seen: number[] = [];
    b.onChange((list) => seen.push(list.length));
    const pending = b.request(secret, { tool_name: "Bash", tool_input: { command: "ls" } });
    const [approval] = b.list();
    expect(approval).toMatchObject({ terminalId: TERMINAL, sessionId: SESSION, toolName: "Bash", input: { command: "ls" } });
    b.answer(approval!.id, { behavior: "allow" });
    expect(await pending).toEqual({ behavior: "allow" });
    expect(seen).toEqual([1, 0]);
  });

  it("refuses a wrong secret and an answer for an unknown request", async () => {
    const { b } = broker();
    await expect(b.request("not-the-secret", { tool_name: "Bash" })).rejects.toMatchObject({ code: "unauthorized" });
    await expect(b.request(null, {})).rejects.toMatchObject({ code: "unauthorized" });
    expect(() => b.answer("apr_nope", { behavior: "allow" })).toThrow(/already answered/);
  });

  it("lets the TUI decide when nobody answers in time, or when the terminal ends", async () => {
    const { b, secret } = broker(30);
    expect(await b.request(secret, { tool_name: "Write" })).toBeNull();
    const { b: other, secret: otherSecret } = broker();
    const pending = other.request(otherSecret, { tool_name: "Edit" });
    other.unregister(TERMINAL);
    expect(await pending).toBeNull();
    expect(other.list()).toEqual([]);
    await expect(other.request(otherSecret, {})).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("a hook the CLI ended (its own prompt was answered) settles as answered in the terminal, as its transcript would", async () => {
    const { b, secret } = broker();
    const settled: boolean[] = [];
    b.onRequest(() => undefined, (_approval, _decision, isAnsweredInTerminal) => void settled.push(isAnsweredInTerminal));
    const hookGone = new AbortController();
    const pending = b.request(secret, { tool_name: "Bash" }, hookGone.signal);
    hookGone.abort();
    expect(await pending).toBeNull();
    expect(settled).toEqual([true]);
    expect(b.list()).toEqual([]);
  });

  it("a deny carries a message back to the CLI", async () => {
    const { b, secret } = broker();
    const pending = b.request(secret, { tool_name: "Bash" });
    b.answer(b.list()[0]!.id, { behavior: "deny" });
    expect(await pending).toEqual({ behavior: "deny", message: "Denied from ChatML." });
  });
});
