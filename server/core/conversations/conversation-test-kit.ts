/** Test support: a real ConversationService over real SQLite, launching the fake CLI over stdio in a temp folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliSocketRegistry } from "../../claude/cli-socket-registry.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { DEFAULT_SETTINGS } from "../../persistence/settings-repo.ts";
import { openTempDb, seedConversation } from "../../persistence/test-support.ts";
import { EventBus, type BusMessage } from "../event-bus.ts";
import { DiscoveringCliLauncher } from "./cli-launcher.ts";
import { ConversationService } from "./conversation-service.ts";

/** A service with one conversation in a new folder, every bus message it published, and `cleanup` for `afterEach`. */
export async function fakeCliConversationService(options: { folderPrefix: string; sleepAfterMs?: number }) {
  const temp = openTempDb();
  const folder = mkdtempSync(join(tmpdir(), options.folderPrefix));
  const { conversation } = seedConversation(temp.repos, folder);
  const bus = new EventBus();
  const messages: BusMessage[] = [];
  bus.subscribe((message) => messages.push(message));
  const launcher = new DiscoveringCliLauncher({
    explicitBin: await writeFakeCliBin(),
    settings: () => ({ ...DEFAULT_SETTINGS, transport: "stdio", cliSleepAfterMinutes: 0 }),
    env: { ...process.env, FAKE_CLI_VERSION: "2.1.330" },
    registry: new CliSocketRegistry(),
  });
  const service = new ConversationService({ repos: temp.repos, bus, launcher, now: Date.now, sleepAfterMs: () => options.sleepAfterMs ?? 0 });
  const cleanup = async () => {
    await service.stopAll();
    temp.cleanup();
    rmSync(folder, { recursive: true, force: true });
  };
  return { repos: temp.repos, service, conversation, messages, cleanup };
}
