import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SessionId } from "../../../shared/ids.ts";
import type { GitOperation } from "../../../shared/protocol/git.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { git } from "../../git/index.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "../workspaces/workspace-test-kit.ts";
import { SourceControlService } from "./source-control-service.ts";

/** A repository with a bare remote, one worktree session, and the source-control service over it. For tests only. */
export type SourceControlKit = {
  kit: WorkspaceKit;
  repo: string;
  /** The bare repository that is `origin`. */
  remote: string;
  session: Session;
  cwd: string;
  id: SessionId;
  service: SourceControlService;
  /** Prompts the one-shot CLI received, with their options. */
  oneShots: { prompt: string; model?: string; foreground?: boolean }[];
  /** Every git.operation change published on the bus. */
  operations: GitOperation[];
  /** A second clone of the remote (another machine). */
  otherClone(): Promise<string>;
  close(): void;
};

/** Builds a {@link SourceControlKit}: `main` pushed to a bare origin, a worktree session branched from it. */
export async function makeSourceControlKit(): Promise<SourceControlKit> {
  const kit = makeWorkspaceKit();
  const { repo, scratch, remote } = await copyOfRepoWithOrigin();
  const workspace = await kit.workspaces.createWorkspace({ path: repo });
  const created = await kit.sessions.create({ workspaceId: workspace.id });
  await kit.sessions.whenReady(created.session.id);
  const session = kit.sessions.get(created.session.id);
  const oneShots: SourceControlKit["oneShots"] = [];
  const operations: GitOperation[] = [];
  kit.bus.subscribe((m) => (m.kind === "entity" && m.change.kind === "git.operation" ? void operations.push(m.change.operation) : undefined));
  const service = new SourceControlService({
    bus: kit.bus,
    now: Date.now,
    getSession: (id) => kit.sessions.get(id),
    workspaceOf: (session) => kit.workspaces.get(session.workspaceId),
    refreshGit: async (id) => void (await kit.sessions.refreshGit(id)),
    oneShot: async (prompt, options) => {
      oneShots.push({ prompt, model: options.model, foreground: options.foreground });
      return "```\nAdd the greeting\n\nSays hello.\n```";
    },
  });
  let clones = 0;
  const otherClone = async () => {
    const dir = join(scratch, `clone-${++clones}`);
    await git(scratch, ["clone", "--quiet", remote, dir]);
    await git(dir, ["config", "user.email", "other@example.com"]);
    await git(dir, ["config", "user.name", "Other"]);
    return dir;
  };
  const close = () => {
    kit.close();
    for (const dir of [repo, scratch, kit.dataDir]) rmSync(dir, { recursive: true, force: true });
  };
  return { kit, repo, remote, session, cwd: session.cwd, id: session.id, service, oneShots, operations, otherClone, close };
}

let template: Promise<{ repo: string; remote: string }> | undefined;

/**
 * A copy of a repository whose `main` is pushed to a bare `origin` and fetched back, made the first time (per test
 * worker): making each anew took four more git processes (~0.6–1.1 s of a loaded machine, a third of a kit).
 */
async function copyOfRepoWithOrigin(): Promise<{ repo: string; scratch: string; remote: string }> {
  template ??= (async () => {
    const repo = await makeTempRepo();
    const remote = join(mkdtempSync(join(tmpdir(), "chatml-remote-template-")), "origin.git");
    await git(repo, ["init", "--quiet", "--bare", "--initial-branch=main", remote]);
    // A push into it would start `git gc --auto` there, which finds nothing to do in a repository this small.
    await git(remote, ["config", "receive.autogc", "false"]);
    await git(repo, ["remote", "add", "origin", remote]);
    await git(repo, ["push", "--quiet", "origin", "main"]);
    await git(repo, ["fetch", "--quiet", "origin"]);
    return { repo, remote };
  })();
  const made = await template;
  const repo = mkdtempSync(join(tmpdir(), "chatml-repo-"));
  const scratch = mkdtempSync(join(tmpdir(), "chatml-remote-"));
  const remote = join(scratch, "origin.git");
  cpSync(made.repo, repo, { recursive: true });
  cpSync(made.remote, remote, { recursive: true });
  await git(repo, ["remote", "set-url", "origin", remote]);
  // As makeTempRepo does: the copied files' stat data is new, and a later command must not find the index stale.
  await git(repo, ["update-index", "-q", "--refresh"]);
  return { repo, scratch, remote };
}
