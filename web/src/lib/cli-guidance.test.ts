import { describe, expect, it } from "vitest";
import { cliGuidance, isSignInError, type CliInfo } from "./cli-guidance.ts";

const found = (auth: CliInfo["auth"]): CliInfo => ({ path: "/usr/bin/claude", version: "2.1.330", transport: "stdio", error: null, notice: null, auth });

describe("cliGuidance", () => {
  it("says how to install when no CLI is found, with the server's reason", () => {
    const g = cliGuidance({ path: null, version: null, transport: null, error: "claude was not found on PATH", notice: null, auth: null });
    expect(g).toMatchObject({ kind: "problem", title: expect.stringContaining("not installed"), detail: "claude was not found on PATH" });
    expect(g.kind === "problem" && g.steps.join(" ")).toContain("npm install -g @anthropic-ai/claude-code");
  });

  it("points at the Settings path, not at installing, when the CLI set there is not found", () => {
    const error = "Claude Code CLI from the Claude Code binary setting (/opt/nope) does not exist or is not executable.";
    const g = cliGuidance({ path: null, version: null, transport: null, error, notice: null, auth: null }, "/opt/nope");
    expect(g).toMatchObject({ kind: "problem", title: "The Claude Code binary set in Settings runs no Claude Code", detail: error, isFixedInSettings: true });
    expect(g.kind === "problem" && g.steps.join(" ")).toMatch(/Settings → Claude Code binary.*empty it/);
    expect(g.kind === "problem" && g.steps.join(" ")).not.toMatch(/--claude-bin|npm install/);
  });

  it("says to update a CLI the server found but will not run (too old), not to install one", () => {
    const g = cliGuidance({ path: "/usr/bin/claude", version: "1.0.30", transport: null, error: "Claude Code 1.0.30 (/usr/bin/claude) is older than ChatML supports", notice: null, auth: null });
    expect(g).toMatchObject({ kind: "problem", title: "Claude Code 1.0.30 is too old for ChatML", detail: expect.stringContaining("older than ChatML supports") });
    expect(g.kind === "problem" && g.steps.join(" ")).toContain("npm install -g @anthropic-ai/claude-code@latest");
  });

  it("says how to sign in when the CLI is signed out", () => {
    const g = cliGuidance(found({ isSignedIn: false, method: "none", provider: "firstParty", source: null }));
    expect(g).toMatchObject({ kind: "problem", title: "Claude Code 2.1.330 is not signed in" });
    expect(g.kind === "problem" && g.steps.join(" ")).toMatch(/\/login.*ANTHROPIC_API_KEY.*BEDROCK/s);
  });

  it("reports an unreadable sign-in state instead of calling it ready", () => {
    expect(cliGuidance(found({ isSignedIn: null, error: "timed out" }))).toMatchObject({ kind: "problem", detail: "timed out" });
  });

  it("summarises a ready CLI in one line: version, how it signs in, transport", () => {
    expect(cliGuidance(found({ isSignedIn: true, method: "api_key", provider: "firstParty", source: "ANTHROPIC_API_KEY" }))).toEqual({
      kind: "ready",
      summary: "Claude Code 2.1.330\u00a0· signed in with an API key (ANTHROPIC_API_KEY)\u00a0· stdio",
      notice: null,
    });
    expect(cliGuidance(found({ isSignedIn: true, method: "third_party", provider: "bedrock", source: null }))).toMatchObject({ summary: expect.stringContaining("Bedrock") });
  });
  it("keeps a ready CLI ready when it is newer than any ChatML was tested with, and passes on the server's notice", () => {
    const notice = "Claude Code 2.1.400 is newer than ChatML was tested with (2.1.332): if something looks wrong, tell us, or pin an older one with --claude-bin.";
    const newer = { ...found({ isSignedIn: true, method: "claude_ai", provider: "firstParty", source: null }), version: "2.1.400", notice };
    expect(cliGuidance(newer)).toMatchObject({ kind: "ready", summary: expect.stringContaining("Claude Code 2.1.400"), notice });
  });
});

describe("isSignInError", () => {
  it("recognises the CLI's sign-in failures and nothing else", () => {
    expect(isSignInError("Not logged in · Please run /login")).toBe(true);
    expect(isSignInError("Invalid API key · Fix external API key")).toBe(true);
    expect(isSignInError("API Error: 500 Internal server error")).toBe(false);
  });
});
