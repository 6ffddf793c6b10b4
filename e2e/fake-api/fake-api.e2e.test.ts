import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installedCliVersions, runCliTurns, startFakeApi } from "../harness/index.ts";
import type { CliMessage, FakeApi } from "../harness/index.ts";
import { readConversation } from "./conversation.ts";
import { SLOW_REPLY, TEXT_REPLY } from "./scripts.ts";
import { HELLO_CONTENT } from "./tool-scripts.ts";

// The fake API driven by the real CLIs, without the ChatML server in between.
let api: FakeApi;
beforeAll(() => {
  api = startFakeApi();
});
afterAll(async () => {
  await api.stop();
});

const versions = installedCliVersions();
const resultText = (m: CliMessage | undefined): string => String(m?.result ?? "");
const prompts = (messages: CliMessage[]): string[] =>
  messages.filter((m) => m.type === "control_request").map((m) => String((m.request as { tool_name?: string }).tool_name));

it("has at least one pinned CLI installed (scripts/install-cli.sh)", () => {
  expect(versions.length).toBeGreaterThan(0);
});

describe.each(versions)("real CLI %s against the fake API", (version) => {
  it("@@text streams thinking and text, then a result", async () => {
    const run = await runCliTurns({ version, api, texts: ["Say hi @@text"], scenario: "text" });
    const deltas = run.cli.messages.filter((m) => m.type === "stream_event" && JSON.stringify(m).includes('"text_delta"'));
    expect(deltas.length).toBeGreaterThanOrEqual(3);
    expect(run.cli.messages.some((m) => JSON.stringify(m).includes('"thinking_delta"'))).toBe(true);
    expect(run.results[0]).toMatchObject({ is_error: false, result: TEXT_REPLY });
    expect(run.exitCode).toBe(0);
  });

  it("@@bash asks, runs the command and the model sees its output", async () => {
    const run = await runCliTurns({ version, api, texts: ["Run it @@bash"], scenario: "bash" });
    expect(prompts(run.cli.messages)).toContain("Bash");
    expect(readFileSync(join(run.cwd, "bash-out.txt"), "utf8")).toBe("hello-from-bash\n");
    expect(resultText(run.results[0])).toContain("Tool said: hello-from-bash");
  });

  it("@@write creates hello.txt; @@edit then edits it", async () => {
    const write = await runCliTurns({ version, api, texts: ["Write it @@write"] });
    expect(readFileSync(join(write.cwd, "hello.txt"), "utf8")).toBe(HELLO_CONTENT);
    const edit = await runCliTurns({ version, api, texts: ["Edit it @@edit"], scenario: "write-edit" });
    expect(prompts(edit.cli.messages)).toEqual(["Write", "Edit"]);
    expect(readFileSync(join(edit.cwd, "hello.txt"), "utf8")).toBe("hello from chatml, edited\n");
  });

  it("@@ask gets the answer through can_use_tool", async () => {
    const run = await runCliTurns({ version, api, texts: ["Ask me @@ask"], scenario: "ask" });
    expect(prompts(run.cli.messages)).toEqual(["AskUserQuestion"]);
    expect(resultText(run.results[0])).toMatch(/You answered: .*Blue/);
  });

  it("@@task runs a foreground sub-agent whose lines carry parent_tool_use_id", async () => {
    const run = await runCliTurns({ version, api, texts: ["Delegate @@task"], scenario: "task" });
    const children = run.cli.messages.filter((m) => typeof m.parent_tool_use_id === "string");
    expect(children.length).toBeGreaterThan(0);
    expect(existsSync(join(run.cwd, "sub-out.txt"))).toBe(true);
    expect(resultText(run.results[0])).toContain("from-subagent");
  });

  it("@@plan writes the plan file and ExitPlanMode is approved", async () => {
    const run = await runCliTurns({ version, api, texts: ["Plan it @@plan"], args: ["--permission-mode", "plan"], scenario: "plan" });
    expect(prompts(run.cli.messages)).toEqual(["ExitPlanMode"]);
    expect(resultText(run.results[0])).toContain("User has approved");
  });

  it("@@err500 ends the turn with is_error and exit code 1", async () => {
    const run = await runCliTurns({ version, api, texts: ["Fail @@err500"], scenario: "err500" });
    expect(run.results[0]).toMatchObject({ is_error: true });
    expect(run.exitCode).toBe(1);
  });

  it("--resume keeps the context: @@remember quotes the first message", async () => {
    const first = await runCliTurns({ version, api, texts: ["The secret word is pineapple @@text"], scenario: "resume-1" });
    const sessionId = String(first.results[0]?.session_id);
    const second = await runCliTurns({
      version, api, texts: ["What did I say? @@remember"], args: ["--resume", sessionId], home: first.home, cwd: first.cwd, scenario: "resume-2",
    });
    expect(second.results[0]?.session_id).toBe(sessionId);
    expect(resultText(second.results[0])).toContain("The secret word is pineapple @@text");
  });
});

describe("the fake API reading a request", () => {
  it("finds the plan file a reminder names beside an attached image's base64 (which once took it minutes)", () => {
    const image = Buffer.from(Array.from({ length: 600_000 }, (_, i) => (i * 7919) % 256)).toString("base64");
    const body = {
      model: "claude-fake",
      messages: [
        { role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: image } }, { type: "text", text: "@@plan tidy up" }] },
        { role: "user", content: [{ type: "text", text: "<system-reminder>Plan mode is active. Write your plan to /home/u/.claude/plans/tidy-up.md and call ExitPlanMode.</system-reminder>" }] },
      ],
    };
    expect(image).toContain("/");
    expect(readConversation(body as never).planFilePath).toBe("/home/u/.claude/plans/tidy-up.md");
  });
});

it("refuses a request over 32 MB as Claude's API does (413 request_too_large), before choosing a reply", async () => {
  const body = JSON.stringify({ model: "claude-x", messages: [{ role: "user", content: "x".repeat(32 * 1000 * 1000) }] });
  const response = await fetch(`${api.url}/v1/messages`, { method: "POST", body, headers: { "content-type": "application/json" } });
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({ type: "error", error: { type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes." } });
});

describe("a reply held mid-stream (@@held)", () => {
  const heldBody = (text: string) => JSON.stringify({ model: "claude-fake", stream: true, max_tokens: 100, messages: [{ role: "user", content: text }] });
  const ask = (text: string) => fetch(`${api.url}/v1/messages`, { method: "POST", body: heldBody(text) });
  const wordsIn = (sse: string) => sse.match(/slow-\d\d/g) ?? [];

  // Unpaced (`@@held:0`): the fake says when it waits at the hold, so the test waits on that rather than on the pace.
  it("streams its words up to the hold, waits there, then sends the rest once the test releases it", async () => {
    const response = await ask("Hold on @@held:0");
    const held = api.requests.at(-1)!;
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let sse = "";
    while (wordsIn(sse).length < 10) sse += (await reader.read()).value ?? "";
    await expect.poll(() => held.isHeld).toBe(true);
    expect(held.deltasSent).toBe(10);
    expect(wordsIn(sse)).toEqual(SLOW_REPLY.split(" ").slice(0, 10));
    api.releaseHeldStreams();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) sse += chunk.value;
    expect(wordsIn(sse)).toEqual(SLOW_REPLY.split(" "));
    expect(held).toMatchObject({ deltasSent: 40, isHeld: false });
  });

  // A test releases as soon as it has seen the first words: the release must not wait for the stream to get there.
  // Released as the request is recorded (`onRequest` runs before the reply's first word is sent), the stream is before
  // its hold however loaded the machine, and unpaced it reaches the hold at once: no margin of pace to rely on.
  it("is let through by a release that came before the stream reached its hold", async () => {
    const early = startFakeApi({
      onRequest: (request) => {
        if (request.script === "held") early.releaseHeldStreams();
      },
    });
    try {
      const response = await fetch(`${early.url}/v1/messages`, { method: "POST", body: heldBody("Released early @@held:0") });
      const held = early.requests.at(-1)!;
      const text = response.text();
      await expect.poll(() => held.deltasSent).toBe(40);
      expect(wordsIn(await text)).toEqual(SLOW_REPLY.split(" "));
    } finally {
      await early.stop();
    }
  });
});
