import { existsSync } from "node:fs";
import { mkdir, mkdtemp, open } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverCli } from "./discover.ts";
import { writeFakeCliBin } from "./fixtures/fake-cli/fake-cli-bin.ts";

const tempDir = (name: string) => mkdtemp(join(tmpdir(), `chatml-${name}-`));
const PINNED = ["2.1.119", "2.1.330"].map((v) => ({ v, path: join(homedir(), `.cache/chatml/cli/${v}/node_modules/.bin/claude`) }));
const hasSystemCli = ["/usr/local/bin/claude", "/opt/homebrew/bin/claude"].some((path) => existsSync(path));

describe("discoverCli", () => {
  it("uses the explicit path first", async () => {
    const explicit = await writeFakeCliBin();
    const fromEnv = await writeFakeCliBin(undefined, 'echo "1.0.0 (Claude Code)"');
    const env = { FAKE_CLI_VERSION: "2.1.119", CHATML_CLAUDE_BIN: fromEnv, PATH: "" };
    const found = await discoverCli({ explicitPath: explicit, env });
    expect(found).toEqual({ path: explicit, version: { major: 2, minor: 1, patch: 119, raw: "2.1.119" } });
  });

  it("uses CHATML_CLAUDE_BIN when no flag is given", async () => {
    const fromEnv = await writeFakeCliBin(undefined, 'echo "1.2.3 (Claude Code)"');
    const found = await discoverCli({ explicitPath: null, env: { CHATML_CLAUDE_BIN: fromEnv, PATH: "" } });
    expect(found).toMatchObject({ path: fromEnv, version: { raw: "1.2.3" } });
  });

  it("does not fall back when the explicit path is missing", async () => {
    const onPath = await writeFakeCliBin();
    const found = await discoverCli({ explicitPath: "/nope/claude", env: { PATH: join(onPath, "..") } });
    expect(found).toEqual({ error: expect.stringMatching(/--claude-bin \(\/nope\/claude\) does not exist.*npm i -g @anthropic-ai\/claude-code/) });
    // The fix is the path given, not another flag, and "not found" is said once.
    expect("error" in found && found.error).toMatch(/Give the full path of the claude executable/);
    expect("error" in found && found.error).not.toMatch(/not found|pass --claude-bin/);
  });

  it("finds claude on PATH", async () => {
    const onPath = await writeFakeCliBin();
    const home = await tempDir("home");
    const found = await discoverCli({ env: { PATH: `/nonexistent:${join(onPath, "..")}`, HOME: home, FAKE_CLI_VERSION: "3.4.5" } });
    expect(found).toMatchObject({ path: onPath, version: { raw: "3.4.5" } });
  });

  it("finds claude in a usual install location under HOME", async () => {
    const home = await tempDir("home");
    await mkdir(join(home, ".local/bin"), { recursive: true });
    const installed = await writeFakeCliBin(join(home, ".local/bin"));
    const found = await discoverCli({ env: { PATH: "", HOME: home } });
    expect(found).toMatchObject({ path: installed, version: { raw: "9.9.9" } });
  });

  it.skipIf(hasSystemCli)("explains how to install when nothing is found", async () => {
    const home = await tempDir("home");
    const found = await discoverCli({ env: { PATH: "", HOME: home } });
    expect(found).toEqual({
      error: "Claude Code CLI not found. Install it with `npm i -g @anthropic-ai/claude-code` or pass --claude-bin.",
    });
  });

  it("reports a binary that prints no version or hangs", async () => {
    const mute = await writeFakeCliBin(undefined, "echo hello");
    expect(await discoverCli({ explicitPath: mute, env: {} })).toEqual({ error: expect.stringMatching(/printed no version/) });
    const failing = await writeFakeCliBin(undefined, "echo boom >&2; exit 2");
    expect(await discoverCli({ explicitPath: failing, env: {} })).toEqual({ error: expect.stringMatching(/exited 2: boom/) });
    // It never ends by itself within the test: an answer at all is the timeout's, however slow the machine (a bound on
    // the time taken held only while spawning the probe was quick).
    const hanging = await writeFakeCliBin(undefined, "exec sleep 600");
    const found = await discoverCli({ explicitPath: hanging, env: {}, timeoutMs: 300 });
    expect(found).toEqual({ error: expect.stringMatching(/did not answer within 300 ms/) });
    // Installed but slow (a saturated machine) is not missing: no advice to install it.
    expect("error" in found && found.error).toMatch(/installed but did not answer in time/);
    expect("error" in found && found.error).not.toMatch(/not found|npm i -g/);
    if (hasSystemCli) return; // a system-wide CLI would answer after the slow one
    const onPath = await discoverCli({ env: { PATH: `${join(hanging, "..")}:/usr/bin:/bin`, HOME: await tempDir("home") }, timeoutMs: 300 });
    expect("error" in onPath && onPath.error).toMatch(/did not answer within 300 ms.*installed but did not answer in time/);
    expect("error" in onPath && onPath.error).not.toMatch(/not found|npm i -g/);
  });

  it("waits while the binary is still held open for writing (an install in progress), then runs it", async () => {
    const installing = await writeFakeCliBin(undefined, 'echo "2.0.0 (Claude Code)"');
    const writer = await open(installing, "r+");
    setTimeout(() => void writer.close(), 150);
    expect(await discoverCli({ explicitPath: installing, env: {} })).toMatchObject({ version: { raw: "2.0.0" } });
  });

  it("gives up on a binary held open for writing for too long, naming why", async () => {
    const stuck = await writeFakeCliBin(undefined, 'echo "2.0.0 (Claude Code)"');
    const writer = await open(stuck, "r+");
    try {
      expect(await discoverCli({ explicitPath: stuck, env: {} })).toEqual({ error: expect.stringMatching(/ETXTBSY/) });
    } finally {
      await writer.close();
    }
  });

  for (const { v, path } of PINNED) {
    it.skipIf(!existsSync(path))(`reads the version of the real CLI ${v}`, async () => {
      const home = await tempDir("home");
      const env = { PATH: process.env.PATH, HOME: home, DISABLE_AUTOUPDATER: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" };
      expect(await discoverCli({ explicitPath: path, env })).toMatchObject({ path, version: { raw: v } });
      expect(await discoverCli({ env: { ...env, CHATML_CLAUDE_BIN: path } })).toMatchObject({ version: { raw: v } });
    });
  }
});
