import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliAuth, readCliAuth } from "./auth-status.ts";

const PINNED = ["2.1.119", "2.1.330"].map((v) => ({ v, path: join(homedir(), `.cache/chatml/cli/${v}/node_modules/.bin/claude`) }));

describe("parseCliAuth", () => {
  it("reads signed-in, method, provider and key source", () => {
    expect(parseCliAuth('{"loggedIn":true,"authMethod":"api_key","apiProvider":"firstParty","apiKeySource":"ANTHROPIC_API_KEY"}')).toEqual({
      isSignedIn: true,
      method: "api_key",
      provider: "firstParty",
      source: "ANTHROPIC_API_KEY",
    });
    expect(parseCliAuth('{"loggedIn":false}')).toEqual({ isSignedIn: false, method: "unknown", provider: "firstParty", source: null });
  });

  it("reports output it does not understand instead of guessing", () => {
    expect(parseCliAuth("Not a JSON answer")).toMatchObject({ isSignedIn: null, error: expect.stringContaining("unexpected") });
    expect(parseCliAuth('{"logged":"yes"}')).toMatchObject({ isSignedIn: null, error: expect.stringContaining("unknown shape") });
  });
});

describe.each(PINNED.filter((p) => existsSync(p.path)))("readCliAuth with the real CLI $v", ({ path }) => {
  const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), "chatml-auth-home-")), DISABLE_AUTOUPDATER: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", ...extra });

  // Each case starts a real CLI: ~1 s alone, but past the server's 15 s at load ~15 on 2 cores (a compiled binary of
  // ~200 MB, all CPU). What these prove is how the CLI's answer is read, so each gets a budget near its test's time.
  const budgetMs = 50_000;

  it("says signed out in an empty home", async () => {
    expect(await readCliAuth(path, env({}), budgetMs)).toMatchObject({ isSignedIn: false });
  }, 60_000);

  it("says signed in with an API key", async () => {
    expect(await readCliAuth(path, env({ ANTHROPIC_API_KEY: "sk-test" }), budgetMs)).toMatchObject({ isSignedIn: true });
  }, 60_000);

  it("says signed in through Bedrock", async () => {
    expect(await readCliAuth(path, env({ CLAUDE_CODE_USE_BEDROCK: "1" }), budgetMs)).toMatchObject({ isSignedIn: true, provider: "bedrock" });
  }, 60_000);
});

describe("readCliAuth with a binary that fails", () => {
  it("answers why, not a guess", async () => {
    expect(await readCliAuth("/bin/false", {})).toMatchObject({ isSignedIn: null, error: expect.stringContaining("exited 1") });
  });

  it("gives up on a CLI that does not answer within the budget it was given", async () => {
    const silent = join(mkdtempSync(join(tmpdir(), "chatml-auth-bin-")), "claude");
    writeFileSync(silent, "#!/bin/sh\nexec sleep 600\n");
    chmodSync(silent, 0o755);
    expect(await readCliAuth(silent, { PATH: process.env.PATH }, 200)).toMatchObject({ isSignedIn: null, error: expect.stringContaining("within 200 ms") });
  });
});
