import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeGithub, type FakeGithub } from "../../../e2e/fake-github/server.ts";
import type { FakeRepo } from "../../../e2e/fake-github/fake-repo.ts";
import { WORKING_STATUSES, type Workspace } from "../../../shared/protocol/model.ts";
import type { PushPayload } from "../remote/push-service.ts";
import { git } from "../../git/index.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { SourceControlService } from "../source-control/source-control-service.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "../workspaces/workspace-test-kit.ts";
import { composeIntegrations, type Integrations } from "./compose-integrations.ts";

export const GOOD_TOKEN = "github_pat_11AAAAAAA0goodtoken";

/**
 * Integrations over real services: a temp database, a real repository whose `origin` (a GitHub-looking URL rewritten
 * by `url.<bare>.insteadOf`) is a local bare repository that the fake GitHub serves as `acme/widgets`. For tests only.
 */
export type IntegrationKit = {
  kit: WorkspaceKit;
  fake: FakeGithub;
  ghRepo: FakeRepo;
  integrations: Integrations;
  repo: string;
  bare: string;
  workspace: Workspace;
  notified: PushPayload[];
  /** The prompts the one-shot CLI was asked. */
  prompts: string[];
  cleanup(): Promise<void>;
};

export async function makeIntegrationKit(options: { draftAnswer?: string; linearApiUrl?: string } = {}): Promise<IntegrationKit> {
  const kit = makeWorkspaceKit();
  const fake = startFakeGithub();
  fake.tokens.set(GOOD_TOKEN, null);
  const bare = mkdtempSync(join(tmpdir(), "chatml-bare-"));
  await git(bare, ["init", "--quiet", "--bare", "--initial-branch=main"]);
  // A push into it would start `git gc --auto` there, which finds nothing to do in a repository this small; written
  // to its config file rather than by `git config`, which would cost the process it saves.
  appendFileSync(join(bare, "config"), "[receive]\n\tautogc = false\n");
  const repo = await makeTempRepo();
  const remoteUrl = `${fake.url}/acme/widgets.git`;
  await git(repo, ["remote", "add", "origin", remoteUrl]);
  await git(repo, ["config", `url.${bare}.insteadOf`, remoteUrl]);
  await git(repo, ["push", "--quiet", "origin", "main"]);
  const ghRepo = fake.addRepo("acme", "widgets", bare);
  const workspace = await kit.workspaces.createWorkspace({ path: repo });
  const notified: PushPayload[] = [];
  const prompts: string[] = [];
  const sourceControl = new SourceControlService({
    bus: kit.bus,
    now: Date.now,
    getSession: (id) => kit.sessions.get(id),
    workspaceOf: (session) => kit.workspaces.get(session.workspaceId),
    refreshGit: async (id) => void (await kit.sessions.refreshGit(id)),
    oneShot: async () => "unused",
  });
  const integrations = composeIntegrations({
    dataDir: kit.dataDir,
    db: kit.t.db,
    bus: kit.bus,
    now: Date.now,
    oneShot: async (prompt) => {
      prompts.push(prompt);
      return options.draftAnswer ?? "Add the widget\n\n## Summary\nAdds it.";
    },
    sessions: {
      get: (id) => kit.sessions.get(id),
      workspace: (s) => kit.workspaces.get(s.workspaceId),
      listActive: () => kit.sessions.list().filter((s) => s.archivedAt === null),
      archive: (id) => kit.lifecycle.archive(id),
      create: (input) => kit.sessions.create(input),
      whenReady: (id) => kit.sessions.whenReady(id),
      taskConversation: (id) => kit.t.repos.conversations.list(id)[0]?.id ?? null,
      push: (id) => sourceControl.push(id),
      pull: (id) => sourceControl.integrate(id, { from: "upstream", mode: "merge" }),
      isWorking: (id) => kit.t.repos.conversations.list(id).some((c) => WORKING_STATUSES.has(c.status)),
      refreshGit: (id) => kit.sessions.refreshGit(id),
      checkBaseBranch: (id, base) => kit.sessions.checkBaseBranch(id, base),
      changeBaseBranch: (id, base) => kit.sessions.changeBaseBranch(id, base),
      send: async (id, text) => {
        kit.sent.push({ id, text });
      },
    },
    workspace: (id) => kit.workspaces.requireHealthy(id),
    notify: async (payload) => {
      notified.push(payload);
    },
    linearApiUrl: options.linearApiUrl,
    pollIntervals: null,
  });
  return {
    kit,
    fake,
    ghRepo,
    integrations,
    repo,
    bare,
    workspace,
    notified,
    prompts,
    cleanup: async () => {
      integrations.stop();
      await Promise.all(kit.sessions.list().map((s) => kit.sessions.whenReady(s.id)));
      kit.close();
      await fake.stop();
      for (const dir of [repo, bare, kit.dataDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A kit whose GitHub is already connected (with GOOD_TOKEN, to its fake), as most integration tests start. */
export async function connectedIntegrationKit(options: Parameters<typeof makeIntegrationKit>[0] = {}): Promise<IntegrationKit> {
  const k = await makeIntegrationKit(options);
  await k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
  return k;
}

/** A worktree session with one commit, pushed (or not) to the bare repository. */
export async function sessionWithCommit(k: IntegrationKit, options: { push: boolean; name?: string }) {
  const { session } = await k.kit.sessions.create({ workspaceId: k.workspace.id, name: options.name });
  await k.kit.sessions.whenReady(session.id);
  const ready = k.kit.sessions.get(session.id);
  await Bun.write(join(ready.cwd, "widget.ts"), "export const widget = 1;\n");
  await git(ready.cwd, ["add", "widget.ts"]);
  await git(ready.cwd, ["commit", "--quiet", "-m", "Add the widget module"]);
  if (options.push) await git(ready.cwd, ["push", "--quiet", "origin", ready.branch as string]);
  return ready;
}
