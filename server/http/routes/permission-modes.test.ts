import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BYPASS_AS_ROOT_REASON, BYPASS_AS_ROOT_WHY } from "../../../shared/api/permission-modes.ts";
import type { ConversationId } from "../../../shared/ids.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

/*
 * Claude Code exits at once when asked to skip permission checks as root (ADR 0097): a ChatML running as root says so
 * before the mode is picked, refuses it when a script asks, and the conversation keeps its mode.
 */
describe("bypass permissions on a ChatML that runs as root", () => {
  let server: TestServer;
  let folder: string;
  beforeAll(async () => {
    server = await startTestServer({ config: { uid: 0 }, env: { IS_SANDBOX: "", CLAUDE_CODE_BUBBLEWRAP: "" } });
    folder = mkdtempSync(join(tmpdir(), "chatml-root-bypass-"));
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it("is named unavailable, with why, in the server's facts", async () => {
    const info = (await (await api(server, "/api/info")).json()) as { unavailablePermissionModes: unknown };
    expect(info.unavailablePermissionModes).toEqual([{ mode: "bypassPermissions", why: BYPASS_AS_ROOT_WHY, reason: BYPASS_AS_ROOT_REASON }]);
  });

  it("refuses a start in it with a 400 saying why, and keeps no workspace", async () => {
    const response = await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder, permissionMode: "bypassPermissions" }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(BYPASS_AS_ROOT_REASON);
    const workspaces = (await (await api(server, "/api/workspaces")).json()) as { workspaces: unknown[] };
    expect(workspaces.workspaces).toEqual([]);
  });

  it("refuses switching a conversation to it, which keeps its mode", async () => {
    const started = await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder, permissionMode: "acceptEdits" }) });
    const { conversation } = (await started.json()) as { conversation: { id: ConversationId } };
    const response = await api(server, `/api/conversations/${conversation.id}/permission-mode`, { method: "POST", body: JSON.stringify({ commandId: "cmd_bypass_as_root", mode: "bypassPermissions" }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(BYPASS_AS_ROOT_REASON);
    const after = (await (await api(server, `/api/conversations/${conversation.id}`)).json()) as { conversation: { permissionMode: string } };
    expect(after.conversation.permissionMode).toBe("acceptEdits");
  });

  it("refuses an interactive Claude started in it, before any terminal or conversation is made", async () => {
    const started = await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) });
    const { session } = (await started.json()) as { session: { id: string } };
    const before = (await (await api(server, `/api/conversations?sessionId=${session.id}`)).json()) as { conversations: unknown[] };
    const response = await api(server, `/api/sessions/${session.id}/claude`, { method: "POST", body: JSON.stringify({ cols: 80, rows: 24, permissionMode: "bypassPermissions" }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(BYPASS_AS_ROOT_REASON);
    const after = (await (await api(server, `/api/conversations?sessionId=${session.id}`)).json()) as { conversations: unknown[] };
    expect(after.conversations).toHaveLength(before.conversations.length);
    const terminals = (await (await api(server, `/api/sessions/${session.id}/terminals`)).json()) as { terminals: unknown[] };
    expect(terminals.terminals).toEqual([]);
  });

  it("refuses a job saved in it, new or edited, and keeps the job as it was", async () => {
    const started = await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) });
    const { session } = (await started.json()) as { session: { workspaceId: string } };
    const job = { workspaceId: session.workspaceId, name: "Nightly", prompt: "tidy up", schedule: { kind: "interval", every: 1, unit: "hours" } };
    const refused = await api(server, "/api/jobs", { method: "POST", body: JSON.stringify({ ...job, permissionMode: "bypassPermissions" }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(BYPASS_AS_ROOT_REASON);
    const created = (await (await api(server, "/api/jobs", { method: "POST", body: JSON.stringify(job) })).json()) as { job: { id: string } };
    const edit = await api(server, `/api/jobs/${created.job.id}`, { method: "PATCH", body: JSON.stringify({ permissionMode: "bypassPermissions" }) });
    expect(edit.status).toBe(400);
    const jobs = (await (await api(server, "/api/jobs")).json()) as { jobs: { permissionMode: string }[] };
    expect(jobs.jobs.map((j) => j.permissionMode)).toEqual(["default"]);
  });
});

describe("bypass permissions where Claude Code allows it", () => {
  it("is unavailable to no one running as an ordinary user, or as root in a sandbox the environment declares", async () => {
    for (const setup of [{ uid: 1000, env: { IS_SANDBOX: "" } }, { uid: 0, env: { IS_SANDBOX: "1" } }]) {
      const server = await startTestServer({ config: { uid: setup.uid }, env: setup.env });
      try {
        const info = (await (await api(server, "/api/info")).json()) as { unavailablePermissionModes: unknown };
        expect(info.unavailablePermissionModes).toEqual([]);
      } finally {
        await server.cleanup();
      }
    }
  });
});

describe("a conversation stored in bypass, then ChatML started as root", () => {
  it("refuses its sends and restarts saying what to change, records nothing, and sends again once its mode is changed", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "chatml-stored-bypass-"));
    const folder = mkdtempSync(join(tmpdir(), "chatml-stored-bypass-folder-"));
    try {
      // Stored while ChatML ran as root in a declared sandbox (or by a build before ADR 0097).
      const before = await startTestServer({ dataDir, config: { uid: 0 }, env: { IS_SANDBOX: "1" } });
      const started = await api(before, "/api/start", { method: "POST", body: JSON.stringify({ path: folder, permissionMode: "bypassPermissions" }) });
      const { conversation } = (await started.json()) as { conversation: { id: ConversationId } };
      await before.cleanup();

      const server = await startTestServer({ dataDir, config: { uid: 0 }, env: { IS_SANDBOX: "", CLAUDE_CODE_BUBBLEWRAP: "" } });
      try {
        const eventsBefore = await (await api(server, `/api/conversations/${conversation.id}/events`)).json();
        const sent = await api(server, `/api/conversations/${conversation.id}/messages`, { method: "POST", body: JSON.stringify({ commandId: "cmd_stored_bypass_send", text: "hello", images: [] }) });
        expect(sent.status).toBe(400);
        const refusal = ((await sent.json()) as { error: { message: string } }).error.message;
        expect(refusal).toContain(BYPASS_AS_ROOT_REASON);
        expect(refusal).toContain("so nothing was sent: pick another mode for it in the session's controls");
        const relaunched = await api(server, `/api/conversations/${conversation.id}/relaunch`, { method: "POST", body: JSON.stringify({ commandId: "cmd_stored_bypass_relaunch" }) });
        expect(relaunched.status).toBe(400);
        expect(((await relaunched.json()) as { error: { message: string } }).error.message).toContain("so Claude was not restarted");
        expect(await (await api(server, `/api/conversations/${conversation.id}/events`)).json()).toEqual(eventsBefore);

        const switched = await api(server, `/api/conversations/${conversation.id}/permission-mode`, { method: "POST", body: JSON.stringify({ commandId: "cmd_stored_bypass_mode", mode: "default" }) });
        expect(switched.status).toBe(200);
        const resent = await api(server, `/api/conversations/${conversation.id}/messages`, { method: "POST", body: JSON.stringify({ commandId: "cmd_stored_bypass_resend", text: "hello", images: [] }) });
        expect(((await resent.json().catch(() => ({}))) as { error?: { message: string } }).error?.message ?? "").not.toContain(BYPASS_AS_ROOT_REASON);
      } finally {
        await server.cleanup();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
