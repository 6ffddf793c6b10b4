import { describe, expect, it } from "vitest";
import { CliSocketRegistry } from "../../claude/cli-socket-registry.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { DiscoveringCliLauncher } from "./cli-launcher.ts";
import { DEFAULT_SETTINGS } from "../../persistence/settings-repo.ts";

const SETTINGS = { ...DEFAULT_SETTINGS, cliSleepAfterMinutes: 0 };

async function launcherFor(version: string): Promise<{ launcher: DiscoveringCliLauncher; bin: string }> {
  const bin = await writeFakeCliBin();
  const launcher = new DiscoveringCliLauncher({ explicitBin: bin, settings: () => SETTINGS, env: { ...process.env, FAKE_CLI_VERSION: version }, registry: new CliSocketRegistry() });
  return { launcher, bin };
}

describe("DiscoveringCliLauncher with a CLI older than ChatML supports", () => {
  it("says it is too old and how to update it, without asking it `auth status` (1.0.x sends that to the model)", async () => {
    const { launcher, bin } = await launcherFor("1.0.30");
    const info = await launcher.info();
    expect(info).toMatchObject({ path: bin, version: "1.0.30", transport: null, auth: null });
    expect(info.error).toBe(
      `Claude Code 1.0.30 (${bin}) is older than ChatML supports (2.1.119 or later). Update it with \`npm install -g @anthropic-ai/claude-code@latest\` (or \`claude update\`), or point ChatML at a newer one with --claude-bin or Settings.`,
    );
  });

  it("refuses to start a conversation or a one-shot with it, saying why, instead of the CLI's unknown-option error", async () => {
    const { launcher } = await launcherFor("1.0.30");
    const request = { cwd: process.cwd(), env: {}, resumeSessionId: null, model: null, permissionMode: null };
    const listener = { onMessage: () => {}, onExit: () => {}, onStderr: () => {} } as unknown as Parameters<DiscoveringCliLauncher["launch"]>[1];
    await expect(launcher.launch(request, listener)).rejects.toMatchObject({ code: "cli_unavailable", message: expect.stringContaining("is older than ChatML supports") });
    expect(await launcher.path()).toBeNull();
  });

  it("runs the oldest supported version", async () => {
    const { launcher, bin } = await launcherFor("2.1.119");
    expect(await launcher.path()).toBe(bin);
  });
});

describe("DiscoveringCliLauncher with a CLI newer than ChatML was tested with", () => {
  it("runs it, and its facts say it is newer than the newest tested one", async () => {
    const { launcher, bin } = await launcherFor("2.1.400");
    const info = await launcher.info();
    expect(info).toMatchObject({ path: bin, version: "2.1.400", error: null });
    expect(info.notice).toBe("Claude Code 2.1.400 is newer than ChatML was tested with (2.1.332): if something looks wrong, tell us, or pin an older one with --claude-bin.");
    expect(await launcher.path()).toBe(bin);
  });

  it("says nothing of a tested one", async () => {
    const { launcher } = await launcherFor("2.1.332");
    expect((await launcher.info()).notice).toBeNull();
  });
});

describe("the CLI launcher's look-up", () => {
  it("names the Claude Code binary setting, not --claude-bin, when the path saved in Settings is not a CLI", async () => {
    const launcher = new DiscoveringCliLauncher({ explicitBin: null, settings: () => ({ ...SETTINGS, claudeBin: "/nonexistent/claude" }), env: { PATH: "" }, registry: new CliSocketRegistry() });
    const { error } = await launcher.info();
    expect(error).toMatch(/^Claude Code CLI from the Claude Code binary setting \(\/nonexistent\/claude\) does not exist/);
  });

  it("names --claude-bin when the flag's path is not a CLI", async () => {
    const launcher = new DiscoveringCliLauncher({ explicitBin: "/nonexistent/claude", settings: () => SETTINGS, env: { PATH: "" }, registry: new CliSocketRegistry() });
    expect((await launcher.info()).error).toMatch(/^Claude Code CLI from --claude-bin \(\/nonexistent\/claude\) does not exist/);
  });
});

describe("the CLI a terminal's interactive Claude runs", () => {
  it("is refused with the reason when it is too old, not passed on because it was found", async () => {
    const { launcher } = await launcherFor("1.0.30");
    await expect(launcher.runnable()).rejects.toMatchObject({ code: "cli_unavailable", message: expect.stringContaining("is older than ChatML supports") });
    const { launcher: current, bin } = await launcherFor("2.1.119");
    expect((await current.runnable()).path).toBe(bin);
  });
});
