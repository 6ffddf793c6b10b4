import { appendFileSync, closeSync, constants, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { git } from "../../git/git.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { openDatabase } from "../../persistence/db.ts";
import { IntegrationRepo } from "../../persistence/integration-repo.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

/*
 * GET /api/sessions/:id/pull-request asks git where origin points, and reads the stored PR after that call: a PR
 * stored while git answers (a Create that pushed first, ADR 0267) is in the answer, never a "none" read before it.
 * The route's git is held on a FIFO its repository's config includes (git blocks reading it until the test writes),
 * and the PR is stored in the server's database meanwhile.
 */
let server: TestServer;
let repo: string;

beforeAll(async () => {
  repo = await makeTempRepo("chatml-pr-read-");
  await git(repo, ["remote", "add", "origin", "https://github.com/acme/widgets.git"]);
  server = await startTestServer({ env: { CHATML_GITHUB_POLL_MS: "0" } });
});

afterAll(async () => {
  await server?.cleanup();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

async function call<T>(path: string, method = "GET", body?: unknown): Promise<T> {
  const response = await api(server, path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await response.json()) as T;
}

/** Whether a `git -C <repo> config --get remote.origin.url` is running (held on the FIFO, here). */
function isReadingOrigin(repoPath: string): boolean {
  const paths = new Set([repoPath, realpathSync(repoPath)]);
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .some((pid) => {
      let args: string[];
      try {
        args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      } catch {
        return false; // Ended while the list was read.
      }
      const at = args.indexOf("-C");
      return at !== -1 && paths.has(args[at + 1] ?? "") && args.slice(-3).join(" ") === "config --get remote.origin.url";
    });
}

it.runIf(process.platform === "linux")("answers a PR stored while its git call ran (a read's git is never older than the PR it answers)", async () => {
  const { workspace } = await call<{ workspace: { id: string } }>("/api/workspaces", "POST", { path: repo });
  const { session } = await call<{ session: Session }>("/api/sessions", "POST", { workspaceId: workspace.id, name: "pr-read" });
  const path = `/api/sessions/${session.id}/pull-request`;
  await expect.poll(async () => (await call<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
  expect(await call<{ pullRequest: PullRequest | null }>(path)).toMatchObject({ pullRequest: null, remote: { kind: "github", repo: "acme/widgets" } });

  const config = join(repo, ".git", "config");
  const original = readFileSync(config, "utf8");
  const fifo = join(repo, ".git", "held-config");
  expect(Bun.spawnSync(["mkfifo", fifo]).exitCode).toBe(0);
  appendFileSync(config, `[include]\n\tpath = ${fifo}\n`);
  let isHeld = true;
  /**
   * Puts the config back (a new file: a held git keeps reading the old one) and lets every held git go on: the FIFO
   * gets a writer, an empty file takes its place for a git that read the old config but has not opened it yet, and
   * the writer's close ends what the held ones read.
   */
  const release = () => {
    if (!isHeld) return;
    isHeld = false;
    writeFileSync(`${config}.restored`, original);
    renameSync(`${config}.restored`, config);
    writeFileSync(`${fifo}.empty`, "");
    let writer: number | null = null;
    try {
      writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      // ENXIO: no git is reading it (the read failed before its git call); the test's own expectation says so.
      if ((error as NodeJS.ErrnoException).code !== "ENXIO") throw error;
    }
    renameSync(`${fifo}.empty`, fifo);
    if (writer !== null) closeSync(writer);
  };
  try {
    const read = call<{ pullRequest: PullRequest | null }>(path);
    await expect.poll(() => isReadingOrigin(repo)).toBe(true);
    const db = openDatabase(join(server.dataDir, "chatml.db"));
    try {
      new IntegrationRepo(db).savePullRequest(storedPullRequest(session));
    } finally {
      db.close();
    }
    release();
    expect((await read).pullRequest).toMatchObject({ number: 7, state: "open" });
  } finally {
    release();
  }
});

/** The PR a Create would have stored for the session. */
function storedPullRequest(session: Session): PullRequest {
  return {
    sessionId: session.id,
    workspaceId: session.workspaceId,
    repo: "acme/widgets",
    number: 7,
    url: "https://github.com/acme/widgets/pull/7",
    title: "Widgets",
    body: "",
    state: "open",
    headRef: session.branch ?? "pr-read",
    headSha: "0".repeat(40),
    baseRef: "main",
    reviewDecision: null,
    reviews: [],
    comments: [],
    isMergeable: null,
    mergeableState: "unknown",
    mergeMethods: ["merge"],
    checks: [],
    runs: [],
    checkSummary: "none",
    checkedAt: Date.now(),
    mergeBaseAsk: null,
  };
}
