import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReplayCliBin } from "../../claude/fixtures/replay-cli/replay-cli-bin.ts";
import { git } from "../../git/git.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";
import { writeExecutable } from "../../test-support/executable.ts";
import { until } from "../../test-support/until.ts";

type Created = { session: { id: string; cwd: string }; conversation: { id: string } };
type Setup = { status: string; steps: { name: string; status: string }[] };

/*
 * A new session lands the user in its first conversation while its worktree is still being made in the background:
 * a message sent at once waits for the folder instead of failing as if it had been deleted.
 */
describe("the first message of a new worktree session", () => {
  let server: TestServer;
  const cleanups: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ claudeBin: await writeReplayCliBin(), env: { REPLAY_CLI_VERSION: "2.1.330" } });
  });
  afterAll(async () => {
    await server.cleanup();
    for (const dir of cleanups) rmSync(dir, { recursive: true, force: true });
  });

  const call = async <T>(path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await api(server, path, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as T };
  };
  const setupOf = async (id: string) => (await call<{ session: { setup: Setup } }>(`/api/sessions/${id}`)).json.session.setup;
  it("waits for the worktree while origin is still being fetched, then goes to Claude in it", async () => {
    const repo = await makeTempRepo("chatml-first-message-");
    const gate = join(mkdtempSync(join(tmpdir(), "chatml-gate-")), "open");
    cleanups.push(repo, join(gate, ".."));
    // origin answers a fetch only once the test opens the gate: the worktree is not there until then.
    const bare = `${repo}-origin.git`;
    cleanups.push(bare);
    await git(repo, ["clone", "--quiet", "--bare", repo, bare]);
    const uploadPack = join(gate, "..", "upload-pack");
    writeExecutable(uploadPack, `#!/bin/sh\nwhile [ ! -f "${gate}" ]; do sleep 0.05; done\nexec git-upload-pack "$@"\n`);
    await git(repo, ["remote", "add", "origin", bare]);
    await git(repo, ["config", "remote.origin.uploadpack", uploadPack]);
    const { json: workspace } = await call<{ workspace: { id: string } }>("/api/workspaces", { path: repo });
    const { json: created } = await call<Created>("/api/sessions", { workspaceId: workspace.workspace.id });
    await until(async () => (await setupOf(created.session.id)).steps.some((s) => s.name === "fetch" && s.status === "running"), "the fetch step running");
    expect(existsSync(created.session.cwd)).toBe(false);

    const sent = call<{ messageId: string }>(`/api/conversations/${created.conversation.id}/messages`, { commandId: "first-message", text: "hello" });
    writeFileSync(gate, "");
    const answer = await sent;

    expect(answer).toMatchObject({ status: 202, json: { messageId: expect.stringMatching(/^msg_/) } });
    expect(existsSync(created.session.cwd)).toBe(true);
    const { json: page } = await call<{ messages: { role: string }[] }>(`/api/conversations/${created.conversation.id}/messages`);
    expect(page.messages.map((m) => m.role)).toContain("user");
  });

  it("refuses a message in a session whose worktree could not be made, with the setup's reason", async () => {
    const repo = await makeTempRepo("chatml-first-message-broken-");
    cleanups.push(repo);
    // A required filter that fails makes the checkout itself fail: the worktree is never created.
    await git(repo, ["config", "filter.broken.clean", "cat"]);
    await git(repo, ["config", "filter.broken.smudge", "false"]);
    await git(repo, ["config", "filter.broken.required", "true"]);
    writeFileSync(join(repo, ".gitattributes"), "*.dat filter=broken\n");
    writeFileSync(join(repo, "data.dat"), "data\n");
    await git(repo, ["add", ".gitattributes", "data.dat"]);
    await git(repo, ["commit", "--quiet", "-m", "filtered file"]);
    const { json: workspace } = await call<{ workspace: { id: string } }>("/api/workspaces", { path: repo });
    const { json: created } = await call<Created>("/api/sessions", { workspaceId: workspace.workspace.id });
    await until(async () => (await setupOf(created.session.id)).status === "failed", "the setup failing");

    const answer = await call<{ error: { code: string; message: string } }>(`/api/conversations/${created.conversation.id}/messages`, { commandId: "broken-worktree", text: "hello" });

    expect(answer.status).toBe(409);
    expect(answer.json.error.message).toMatch(/^The worktree could not be created: .+ Delete this session and create a new one\.$/);
    expect(answer.json.error.message).not.toMatch(/deleted outside ChatML/);
  });
});
