import { mkdtemp, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliProcess, HostMessage } from "./contracts.ts";
import { writeFakeCliBin } from "./fixtures/fake-cli/fake-cli-bin.ts";
import { RecordingListener } from "./fixtures/fake-cli/recording-listener.ts";
import { RELEASED_CHUNK_BYTES, spawnStdioCli, stdoutReader } from "./stdio-transport.ts";
import { createCliLineFramer } from "./framer.ts";

let binPath = "";
beforeAll(async () => {
  binPath = await writeFakeCliBin();
});

const user = (content: string): HostMessage => ({
  type: "user",
  message: { role: "user", content },
  parent_tool_use_id: null,
  session_id: "",
});

function launch(env: Record<string, string> = {}, cwd = tmpdir()): { cli: CliProcess; listener: RecordingListener } {
  const listener = new RecordingListener();
  const options = { binPath, transport: "stdio", cwd, env, resumeSessionId: null, model: "m1", permissionMode: null } as const;
  return { cli: spawnStdioCli(options, listener), listener };
}

describe("stdio transport", () => {
  it("runs a turn and exits 0 after close()", async () => {
    const { cli, listener } = launch();
    expect(cli.transport).toBe("stdio");
    expect(cli.pid).toBeGreaterThan(0);
    expect(cli.send(user("hello"))).toBe(true);
    await listener.waitFor((l) => l.ofType("result").length === 1);
    expect(listener.messages.map((m) => m.type)).toEqual(["system", "assistant", "result"]);
    expect(listener.batchEnds).toBeGreaterThan(0);
    cli.close();
    const info = await cli.exited;
    expect(info).toMatchObject({ code: 0, signal: null });
    expect(listener.exits).toEqual([info]);
    expect(cli.send(user("hello"))).toBe(false);
  });

  it("passes argv, cwd and merged env", async () => {
    const cwd = await realpath(await mkdtemp(join(tmpdir(), "chatml-cwd-")));
    const { cli, listener } = launch({ FAKE_MARK: "on" }, cwd);
    cli.send(user("env FAKE_MARK"));
    await listener.waitFor((l) => l.ofType("env").length === 1);
    const env = listener.ofType("env")[0];
    expect(env).toMatchObject({ cwd, value: "on" });
    expect(env?.argv).toEqual(expect.arrayContaining(["-p", "--verbose", "--model", "m1"]));
    cli.kill();
    await cli.exited;
  });

  it("reports malformed lines and keeps going", async () => {
    const { cli, listener } = launch();
    cli.send(user("malformed"));
    cli.send(user("crlf"));
    await listener.waitFor((l) => l.ofType("crlf").length === 1);
    expect(listener.malformed.map((m) => m.reason)).toEqual([
      expect.stringMatching(/invalid JSON/),
      expect.stringMatching(/invalid JSON/),
      expect.stringMatching(/type/),
    ]);
    expect(listener.ofType("after_malformed")).toHaveLength(1);
    cli.close();
    await cli.exited;
  });

  it("delivers a 20 MB line intact", async () => {
    const { cli, listener } = launch();
    cli.send(user("huge 20"));
    await listener.waitFor((l) => l.ofType("huge").length === 1);
    const payload = listener.ofType("huge")[0]?.payload as string;
    expect(payload.length).toBe(20 * 1024 * 1024);
    expect(/^h+$/.test(payload)).toBe(true);
    cli.close();
    await cli.exited;
  });

  it("reports a crash with code and stderr tail, and refuses sends after", async () => {
    const { cli, listener } = launch();
    cli.send(user("die 3"));
    const info = await cli.exited;
    expect(info.code).toBe(3);
    expect(info.signal).toBeNull();
    expect(info.stderrTail).toContain("dying with 3");
    expect(listener.exits).toHaveLength(1);
    expect(cli.send(user("hello"))).toBe(false);
  });

  it("keeps only the last 8 KB of stderr", async () => {
    const { cli, listener } = launch();
    cli.send(user("stderr 40"));
    await listener.waitFor((l) => l.ofType("stderr_done").length === 1);
    cli.close();
    const info = await cli.exited;
    expect(info.stderrTail.length).toBeLessThanOrEqual(8 * 1024);
    expect(info.stderrTail.length).toBeGreaterThan(4 * 1024);
    expect(info.stderrTail.endsWith("END\n")).toBe(true);
  });

  it("reports the signal after kill()", async () => {
    const { cli, listener } = launch();
    cli.send(user("hang"));
    cli.kill("SIGKILL");
    const info = await cli.exited;
    expect(info).toMatchObject({ code: null, signal: "SIGKILL" });
    expect(listener.exits).toHaveLength(1);
  });
});

describe("stdoutReader", () => {
  it("delivers every line, one cut between chunks and a character cut with it", () => {
    const messages: unknown[] = [];
    let batches = 0;
    const framer = createCliLineFramer({ onMessage: (message) => void messages.push(message), onMalformedLine: (info) => void messages.push(info) });
    const read = stdoutReader(framer, { onBatchEnd: () => void batches++ });
    const bytes = new TextEncoder().encode('{"type":"a","text":"héllo"}\n{"type":"b","text":"✓ cut"}\n{"type":"c"}\n');
    const cut = bytes.indexOf(0x9c); // inside the three bytes of "✓"
    const chunks = [bytes.slice(0, cut), bytes.slice(cut)];
    for (const chunk of chunks) read(chunk);
    expect(messages).toEqual([{ type: "a", text: "héllo" }, { type: "b", text: "✓ cut" }, { type: "c" }]);
    expect(batches).toBe(2);
    // Chunks this short are left to the collector (ADR 0259): freeing them cost more than the bytes it gave back.
    expect(chunks.map((chunk) => chunk.byteLength)).toEqual([cut, bytes.length - cut]);
  });

  it("frees a long chunk once read (ADR 0193), its lines intact, and leaves a short one to the collector", () => {
    const messages: { type: string; text: string }[] = [];
    const framer = createCliLineFramer({ onMessage: (message) => void messages.push(message as { type: string; text: string }), onMalformedLine: () => {} });
    const read = stdoutReader(framer, { onBatchEnd: () => {} });
    const text = "x".repeat(100);
    const long = new TextEncoder().encode(`{"type":"a","text":"${text}"}\n`.repeat(Math.ceil(RELEASED_CHUNK_BYTES / 100)));
    const short = new TextEncoder().encode('{"type":"b","text":"y"}\n');
    expect(long.byteLength).toBeGreaterThanOrEqual(RELEASED_CHUNK_BYTES);
    const shortLength = short.byteLength;
    expect(shortLength).toBeLessThan(RELEASED_CHUNK_BYTES);
    read(long);
    read(short);
    expect(messages).toHaveLength(Math.ceil(RELEASED_CHUNK_BYTES / 100) + 1);
    expect(messages.slice(0, -1).every((message) => message.type === "a" && message.text === text)).toBe(true);
    expect(messages.at(-1)).toEqual({ type: "b", text: "y" });
    expect([long.byteLength, short.byteLength]).toEqual([0, shortLength]);
  });
});
