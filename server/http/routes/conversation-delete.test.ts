import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";
import { writeReplayCliBin } from "../../claude/fixtures/replay-cli/replay-cli-bin.ts";
import { git } from "../../git/git.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { until } from "../../test-support/until.ts";

/* DELETE /api/conversations/:id over HTTP: gone for every reader, a second delete is a clear 404 (issue 16). */
describe("DELETE /api/conversations/:id", () => {
  let server: TestServer;
  let folder: string;
  beforeAll(async () => {
    server = await startTestServer();
    folder = mkdtempSync(join(tmpdir(), "chatml-delete-"));
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it("deletes the conversation, leaves its session, and answers 404 after", async () => {
    const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) })).json()) as { conversation: { id: string; sessionId: string } };
    const { id, sessionId } = started.conversation;
    const deleted = await api(server, `/api/conversations/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ ok: true });
    expect((await api(server, `/api/conversations/${id}`)).status).toBe(404);
    const listed = (await (await api(server, `/api/conversations?sessionId=${sessionId}`)).json()) as { conversations: { id: string }[] };
    expect(listed.conversations.map((c) => c.id)).not.toContain(id);
    const again = await api(server, `/api/conversations/${id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

/* Deleting frees what other rooms held for the conversation: its interactive terminal (a real PTY) and its checkpoint refs. */
describe("DELETE /api/conversations/:id with an interactive terminal and checkpoints", () => {
  let server: TestServer;
  let repo: string;
  beforeAll(async () => {
    server = await startTestServer({ claudeBin: await writeReplayCliBin(), env: { REPLAY_CLI_VERSION: "2.1.330" } });
    repo = await makeTempRepo("chatml-delete-repo-");
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(repo, { recursive: true, force: true });
  });

  const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await api(server, path, init);
    if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const checkpointRefs = async (id: string) => (await git(repo, ["for-each-ref", "--format=%(refname)", "refs/chatml/checkpoints/"])).split("\n").filter((ref) => ref.includes(id));

  it("ends the conversation's terminal process and drops its checkpoint refs, leaving another conversation's", async () => {
    const start = async () => (await json<{ conversation: { id: string; sessionId: string } }>("/api/start", { method: "POST", body: JSON.stringify({ path: repo }) })).conversation;
    const doomed = await start();
    const kept = await json<{ conversation: { id: string } }>("/api/conversations", { method: "POST", body: JSON.stringify({ sessionId: doomed.sessionId }) });
    // One turn each: a checkpoint (a git ref) is taken before every turn.
    for (const id of [doomed.id, kept.conversation.id]) {
      await json(`/api/conversations/${id}/messages`, { method: "POST", body: JSON.stringify({ commandId: `cmd-${id}`, text: "hello" }) });
      await until(async () => (await checkpointRefs(id)).length > 0 && (await json<{ conversation: { status: string } }>(`/api/conversations/${id}`)).conversation.status === "ready", "its checkpoint and the end of its turn");
    }
    const { terminal } = await json<{ terminal: { id: string; command: string[] } }>(`/api/sessions/${doomed.sessionId}/claude`, {
      method: "POST",
      body: JSON.stringify({ conversationId: doomed.id, cols: 80, rows: 24 }),
    });
    const settingsFile = terminal.command[terminal.command.indexOf("--settings") + 1] ?? "";
    await until(() => processesWith(settingsFile).length > 0, "the Claude terminal's process");

    expect((await api(server, `/api/conversations/${doomed.id}`, { method: "DELETE" })).status).toBe(200);

    const { terminals } = await json<{ terminals: { id: string }[] }>(`/api/sessions/${doomed.sessionId}/terminals`);
    expect(terminals.map((t) => t.id)).not.toContain(terminal.id);
    expect(processesWith(settingsFile)).toEqual([]);
    expect(await checkpointRefs(doomed.id)).toEqual([]);
    expect((await checkpointRefs(kept.conversation.id)).length).toBeGreaterThan(0);
  });
});

/** Pids of live processes whose command line contains `text` (Linux /proc). */
function processesWith(text: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
      } catch {
        return false;
      }
    })
    .map(Number);
}

