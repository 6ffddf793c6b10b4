import { existsSync, mkdtempSync } from "node:fs";
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

  // Each case starts a real CLI (several seconds on a loaded 2-core machine), so each has its own test and time.
  it("says signed out in an empty home", async () => {
    expect(await readCliAuth(path, env({}))).toMatchObject({ isSignedIn: false });
  }, 60_000);

  it("says signed in with an API key", async () => {
    expect(await readCliAuth(path, env({ ANTHROPIC_API_KEY: "sk-test" }))).toMatchObject({ isSignedIn: true });
  }, 60_000);

  it("says signed in through Bedrock", async () => {
    expect(await readCliAuth(path, env({ CLAUDE_CODE_USE_BEDROCK: "1" }))).toMatchObject({ isSignedIn: true, provider: "bedrock" });
  }, 60_000);
});

describe("readCliAuth with a binary that fails", () => {
  it("answers why, not a guess", async () => {
    expect(await readCliAuth("/bin/false", {})).toMatchObject({ isSignedIn: null, error: expect.stringContaining("exited 1") });
  });
});
