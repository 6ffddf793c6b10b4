import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { CliSocketRegistry } from "../../claude/cli-socket-registry.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus, type BusMessage } from "../event-bus.ts";
import { DiscoveringCliLauncher } from "./cli-launcher.ts";
import { ConversationService } from "./conversation-service.ts";

/*
 * Idle sleep never stops a CLI whose background task still runs (stopping it would kill the task with it): a real
 * (fake) CLI child process whose turn leaves a background Bash running, with a sleep time far shorter than the task.
 */
let temp: TempDb | null = null;
let service: ConversationService | null = null;
let folder: string | null = null;
afterEach(async () => {
  await service?.stopAll();
  temp?.cleanup();
  if (folder) rmSync(folder, { recursive: true, force: true });
  [temp, service, folder] = [null, null, null];
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 800 && !condition(); i++) await Bun.sleep(25);
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

it("sleeps only after the background task ended, not while it ran", async () => {
  temp = openTempDb();
  folder = mkdtempSync(join(tmpdir(), "chatml-idle-bg-"));
  const { conversation } = seedConversation(temp.repos, folder);
  const bus = new EventBus();
  const events: { seq: number; event: DurableEvent }[] = [];
  bus.subscribe((m: BusMessage) => void (m.kind === "event" && m.conversationId === conversation.id && events.push({ seq: m.sequenced.seq, event: m.sequenced.event })));
  const launcher = new DiscoveringCliLauncher({
    explicitBin: await writeFakeCliBin(),
    settings: () => ({ transport: "stdio", claudeBin: null, jobConcurrency: 1, cliSleepAfterMinutes: 0, defaultConversationMode: "chat", promptSuggestions: false }),
    env: { ...process.env, FAKE_CLI_VERSION: "2.1.330" },
    registry: new CliSocketRegistry(),
  });
  service = new ConversationService({ repos: temp.repos, bus, launcher, now: Date.now, sleepAfterMs: () => 50 });
  // The task runs 30 idle periods; the CLI must still be up when it reports its end.
  await service.sendMessage(conversation.id, { commandId: "bg", text: "bgtask 1500", images: [] });
  await until(() => events.some((e) => e.event.type === "process.exited"), "the CLI to fall asleep");
  const seqOf = (match: (e: DurableEvent) => boolean) => events.find((e) => match(e.event))?.seq ?? -1;
  const taskDone = seqOf((e) => e.type === "task.updated" && e.status === "completed");
  const turnDone = seqOf((e) => e.type === "turn.completed");
  const exited = seqOf((e) => e.type === "process.exited");
  expect(turnDone).toBeGreaterThan(0);
  expect(taskDone).toBeGreaterThan(turnDone);
  expect(exited).toBeGreaterThan(taskDone);
  expect(events.find((e) => e.event.type === "process.exited")?.event).toMatchObject({ isExpected: true, reason: expect.stringMatching(/^Sleeping after/) });
});
