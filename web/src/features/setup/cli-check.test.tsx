// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { CliCheck } from "./cli-check.tsx";

isolateDomTests();

const SIGNED_IN = { isSignedIn: true, method: "claude_ai", provider: "firstParty", source: null };

/** A server whose CLI is this version, signed in, with the notice the server gives it (null for a tested one). */
function serverWith(version: string, notice: string | null) {
  const cli = { path: "/usr/bin/claude", version, transport: "stdio", error: null, notice, auth: SIGNED_IN };
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ cli })));
}

it("says on Home, under the ready line, when the CLI is newer than any ChatML was tested with", async () => {
  const notice = "Claude Code 2.1.400 is newer than ChatML was tested with (2.1.332): if something looks wrong, tell us, or pin an older one with --claude-bin.";
  serverWith("2.1.400", notice);
  render(<CliCheck />);
  const check = await screen.findByRole("region", { name: "Claude Code check" });
  expect((await within(check).findByRole("note")).textContent).toBe(notice);
  expect(check.textContent).toContain("Claude Code 2.1.400\u00a0· signed in with a Claude subscription");
});

it("says nothing more of a tested CLI than its ready line", async () => {
  serverWith("2.1.332", null);
  render(<CliCheck />);
  const check = await screen.findByRole("region", { name: "Claude Code check" });
  await within(check).findByText(/^Claude Code 2\.1\.332/);
  expect(within(check).queryByRole("note")).toBeNull();
});

it("blames a Claude Code path set in Settings, with a way there, instead of saying Claude Code is not installed", async () => {
  const cli = { path: null, version: null, transport: null, error: "Claude Code CLI from the Claude Code binary setting (/opt/nope) does not exist or is not executable.", notice: null, auth: null };
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ cli, settings: { claudeBin: "/opt/nope" } })));
  render(<CliCheck />);
  const check = await screen.findByRole("region", { name: "Claude Code check" });
  await within(check).findByRole("heading", { name: "The Claude Code binary set in Settings runs no Claude Code" });
  expect(within(check).getByRole("link", { name: "Open Settings" }).getAttribute("href")).toBe("#/settings");
  expect(check.textContent).not.toMatch(/not installed|--claude-bin/);
});
