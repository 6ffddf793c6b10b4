import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConversationId } from "../../../shared/ids.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { openTempDb, type TempDb } from "../../persistence/test-support.ts";
import { composeWorkspaces, type ComposeDeps, type WorkspaceParts } from "./compose-workspaces.ts";
import { EventBus } from "../event-bus.ts";
import type { PickOptions } from "./name-pool.ts";

/** Workspace services over a temp database with a scripted one-shot CLI, recording what they did. For tests only. */
export type WorkspaceKit = WorkspaceParts & {
  t: TempDb;
  bus: EventBus;
  dataDir: string;
  sent: { id: ConversationId; text: string }[];
  stopped: ConversationId[];
  prompts: string[];
  /** The model each one-shot call asked for (undefined: the CLI's default). */
  oneShotModels: (string | undefined)[];
  /** What the one-shot answers when asked for a title from now on (default "Short title."). */
  answerTitlesWith(text: string): void;
  /** Waits until the stored session satisfies `test` (checked on every published session change). */
  waitForSession(id: string, test: (s: Session) => boolean, timeoutMs?: number): Promise<Session>;
  close(): void;
};

/** Builds a {@link WorkspaceKit}; the one-shot answers "Short title" or "It did things." by marker. */
export function makeWorkspaceKit(pick?: PickOptions, prepareDeletingPlans?: ComposeDeps["prepareDeletingPlans"]): WorkspaceKit {
  const t = openTempDb();
  const bus = new EventBus();
  const dataDir = mkdtempSync(join(tmpdir(), "chatml-data-"));
  const sent: WorkspaceKit["sent"] = [];
  const stopped: ConversationId[] = [];
  const prompts: string[] = [];
  const oneShotModels: (string | undefined)[] = [];
  let titleAnswer = "Short title.";
  const parts = composeWorkspaces({
    repos: t.repos,
    bus,
    now: Date.now,
    dataDir,
    conversations: {
      sendMessage: async (id, input) => {
        sent.push({ id, text: input.text });
        return { messageId: "msg_x" };
      },
      stop: async (id) => {
        stopped.push(id);
        return { ok: true };
      },
    },
    pick,
    prepareDeletingPlans,
    oneShot: async (prompt, options) => {
      prompts.push(prompt);
      oneShotModels.push(options.model);
      return prompt.includes("[chatml:title]") ? titleAnswer : "It did things.";
    },
  });
  const waitForSession = (id: string, test: (s: Session) => boolean, timeoutMs = 10_000) =>
    new Promise<Session>((resolve, reject) => {
      const check = () => {
        const session = t.repos.sessions.get(id as Session["id"]);
        if (session && test(session)) {
          off();
          clearTimeout(timer);
          resolve(session);
        }
      };
      const off = bus.subscribe((m) => (m.kind === "entity" ? check() : undefined));
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for session ${id}: ${JSON.stringify(t.repos.sessions.get(id as Session["id"]))}`));
      }, timeoutMs);
      check();
    });
  const answerTitlesWith = (text: string) => void (titleAnswer = text);
  return { ...parts, t, bus, dataDir, sent, stopped, prompts, oneShotModels, answerTitlesWith, waitForSession, close: () => { parts.stop(); t.cleanup(); } };
}
