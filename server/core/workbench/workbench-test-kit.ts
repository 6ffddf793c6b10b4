import { rmSync } from "node:fs";
import type { ConversationId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { git } from "../../git/git.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { openTempDb, type TempDb } from "../../persistence/test-support.ts";
import { EventBus, type BusMessage } from "../event-bus.ts";
import { composeWorkbench, type Workbench } from "./compose-workbench.ts";

/** A workbench over a temp database and a real repository on a session branch off `main`. For tests only. */
export type WorkbenchKit = Workbench & {
  t: TempDb;
  repo: string;
  session: Session;
  sent: { id: ConversationId; text: string }[];
  published: BusMessage[];
  bus: EventBus;
  close(): void;
};

/** Builds a {@link WorkbenchKit}: the repo has README.md committed on main and HEAD on branch `work`. */
export async function makeWorkbenchKit(): Promise<WorkbenchKit> {
  const t = openTempDb();
  const repo = await makeTempRepo("chatml-wb-");
  await git(repo, ["checkout", "--quiet", "-b", "work"]);
  const bus = new EventBus();
  const published: BusMessage[] = [];
  bus.subscribe((m) => published.push(m));
  const workspace = t.repos.workspaces.create({ path: repo, isGitRepo: true, defaultBranch: "main" });
  const session = t.repos.sessions.create({ workspaceId: workspace.id, name: "work", cwd: repo, kind: "branch", branch: "work", baseBranch: "main" });
  const sent: WorkbenchKit["sent"] = [];
  const workbench = composeWorkbench({
    repos: t.repos,
    bus,
    now: Date.now,
    refreshGit: async () => undefined,
    sendMessage: async (id, input) => {
      if (!t.repos.conversations.get(id)) throw new AppError("not_found", `Conversation ${id} does not exist.`);
      sent.push({ id, text: input.text });
      return { messageId: "msg_sent" };
    },
  });
  return {
    ...workbench,
    t,
    repo,
    session,
    sent,
    published,
    bus,
    close: () => {
      workbench.stop();
      t.cleanup();
      rmSync(repo, { recursive: true, force: true });
    },
  };
}
