import { describe, expect, it } from "vitest";
import type { Settings } from "../../../shared/api/inputs.ts";
import { CliSocketRegistry } from "../../claude/cli-socket-registry.ts";
import { DiscoveringCliLauncher } from "./cli-launcher.ts";

const settings = (claudeBin: string | null): Settings => ({ transport: "stdio", claudeBin, jobConcurrency: 1, cliSleepAfterMinutes: 0, defaultConversationMode: "chat", promptSuggestions: false });

describe("the CLI launcher's look-up", () => {
  it("names the Claude Code binary setting, not --claude-bin, when the path saved in Settings is not a CLI", async () => {
    const launcher = new DiscoveringCliLauncher({ explicitBin: null, settings: () => settings("/nonexistent/claude"), env: { PATH: "" }, registry: new CliSocketRegistry() });
    const { error } = await launcher.info();
    expect(error).toMatch(/^Claude Code CLI from the Claude Code binary setting \(\/nonexistent\/claude\) does not exist/);
  });

  it("names --claude-bin when the flag's path is not a CLI", async () => {
    const launcher = new DiscoveringCliLauncher({ explicitBin: "/nonexistent/claude", settings: () => settings(null), env: { PATH: "" }, registry: new CliSocketRegistry() });
    expect((await launcher.info()).error).toMatch(/^Claude Code CLI from --claude-bin \(\/nonexistent\/claude\) does not exist/);
  });
});
