/** Test support: a real ConversationService over real SQLite, launching the fake CLI over stdio in a temp folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliSocketRegistry } from "../../claude/cli-socket-registry.ts";
import { FAKE_CLI_SCRIPT, writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { DEFAULT_SETTINGS } from "../../persistence/settings-repo.ts";
import { openTempDb, seedConversation } from "../../persistence/test-support.ts";
import type { HostMessage } from "../../claude/contracts.ts";
import { EventBus, type BusMessage } from "../event-bus.ts";
import type { CliLauncher } from "../ports.ts";
import { DiscoveringCliLauncher } from "./cli-launcher.ts";
import { ConversationService } from "./conversation-service.ts";

/**
 * A service with `conversations` conversations (one by default), each in a new folder of its own, every bus
 * message it published, and `cleanup` for `afterEach`. `onHostLine` hears each line written to a CLI, by its folder.
 */
export async function fakeCliConversationService(options: { folderPrefix: string; sleepAfterMs?: number; conversations?: number; onHostLine?: (cwd: string, line: HostMessage) => void; interrupt?: "accept" | "refuse" }) {
  const temp = openTempDb();
  const folders = Array.from({ length: options.conversations ?? 1 }, () => mkdtempSync(join(tmpdir(), options.folderPrefix)));
  const conversations = folders.map((folder) => seedConversation(temp.repos, folder).conversation);
  const conversation = conversations[0]!;
  const bus = new EventBus();
  const messages: BusMessage[] = [];
  bus.subscribe((message) => messages.push(message));
  const launcher = new DiscoveringCliLauncher({
    // The launcher passes the CLI only the variables it knows: how the fake answers interrupts goes in its script.
    explicitBin: await (options.interrupt ? writeFakeCliBin(undefined, `FAKE_CLI_INTERRUPT=${options.interrupt} exec "${process.execPath}" "${FAKE_CLI_SCRIPT}" "$@"`) : writeFakeCliBin()),
    settings: () => ({ ...DEFAULT_SETTINGS, transport: "stdio", cliSleepAfterMinutes: 0 }),
    env: { ...process.env, FAKE_CLI_VERSION: "2.1.330" },
    registry: new CliSocketRegistry(),
  });
  const onHostLine = options.onHostLine;
  const service = new ConversationService({ repos: temp.repos, bus, launcher: onHostLine ? hearingHostLines(launcher, onHostLine) : launcher, now: Date.now, sleepAfterMs: () => options.sleepAfterMs ?? 0 });
  const cleanup = async () => {
    await service.stopAll();
    temp.cleanup();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  };
  return { repos: temp.repos, bus, service, conversation, conversations, messages, cleanup };
}

/** The launcher's real processes, each line written to one told to `onHostLine` first. */
export function hearingHostLines(launcher: CliLauncher, onHostLine: (cwd: string, line: HostMessage) => void): CliLauncher {
  return {
    launch: async (request, listener) => {
      const launched = await launcher.launch(request, listener);
      const { process } = launched;
      const send = process.send.bind(process);
      process.send = (line) => (onHostLine(request.cwd, line), send(line));
      return launched;
    },
  };
}
