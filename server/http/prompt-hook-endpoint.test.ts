import { afterAll, describe, expect, it } from "vitest";
import type { SessionId, TerminalId } from "../../shared/ids.ts";
import { CliSocketRegistry } from "../claude/cli-socket-registry.ts";
import { ApprovalBroker } from "../core/interactive/approval-broker.ts";
import { listenForCliSockets } from "../ws/cli-socket-listener.ts";
import { PROMPT_HOOK_PATH, promptHookEndpoint } from "./prompt-hook-endpoint.ts";

const broker = new ApprovalBroker(Date.now);
const SECRET = ApprovalBroker.newSecret();
broker.register("trm_prompt" as TerminalId, "ses_prompt" as SessionId, SECRET);
const asked: string[] = [];
const listener = listenForCliSockets(new CliSocketRegistry());
listener.addHttpHandler(
  promptHookEndpoint({
    authenticate: (secret) => broker.authenticate(secret),
    refusalOf: (_secret, prompt) => (asked.push(prompt), prompt.startsWith("/tide-table") ? "/tide-table was not sent: it is switched off." : null),
    skillRefusalOf: (_secret, name) => (asked.push(`skill ${name}`), name === "tide-table" ? 'The skill "tide-table" was not run: it is switched off.' : null),
  }),
);
afterAll(() => listener.stop());

/** Posts a typed prompt as Claude Code's UserPromptSubmit HTTP hook does. */
const post = (body: unknown, secret = SECRET) =>
  fetch(`${listener.httpBase}${PROMPT_HOOK_PATH}`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("the interactive TUI's prompt hook on the loopback listener", () => {
  it("blocks a prompt the server refuses, with why, and lets any other through", async () => {
    const refused = await post({ hook_event_name: "UserPromptSubmit", prompt: "/tide-table now" });
    expect(await refused.json()).toEqual({ decision: "block", reason: "/tide-table was not sent: it is switched off." });
    const letThrough = await post({ hook_event_name: "UserPromptSubmit", prompt: "hello" });
    expect(await letThrough.json()).toEqual({});
    // An input without a prompt (or not JSON) is let through: the TUI's own handling stands.
    expect(await (await post("not an object")).json()).toEqual({});
  });

  it("denies the model's Skill call for a skill the server refuses, with why, and lets other skills and tools through", async () => {
    asked.length = 0;
    const refused = await post({ hook_event_name: "PreToolUse", tool_name: "Skill", tool_input: { skill: "/tide-table" } });
    expect(await refused.json()).toEqual({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: 'The skill "tide-table" was not run: it is switched off.' } });
    expect(await (await post({ hook_event_name: "PreToolUse", tool_name: "Skill", tool_input: { skill: "harbour-map" } })).json()).toEqual({});
    // Another tool (were the matcher ever wider) is not a skill: nothing is asked about it.
    expect(await (await post({ hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "ls" } })).json()).toEqual({});
    expect(asked).toEqual(["skill tide-table", "skill harbour-map"]);
  });

  it("refuses a caller without the terminal's secret before reading or checking anything", async () => {
    asked.length = 0;
    const response = await post({ prompt: "/tide-table" }, "wrong");
    expect(response.status).toBe(401);
    expect(asked).toEqual([]);
    expect((await fetch(`${listener.httpBase}${PROMPT_HOOK_PATH}`)).status).toBe(405);
  });
});
