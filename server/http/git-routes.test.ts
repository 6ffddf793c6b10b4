import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../shared/protocol/model.ts";
import { makeTempRepo } from "../git/test-support.ts";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
let repo: string;
let session: Session;

const post = (path: string, body?: unknown) => api(server, path, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  server = await startTestServer();
  repo = await makeTempRepo();
  const { workspace } = (await (await post("/api/workspaces", { path: repo })).json()) as { workspace: { id: string } };
  ({ session } = (await (await post("/api/sessions", { workspaceId: workspace.id, kind: "folder" })).json()) as { session: Session });
});
afterAll(async () => {
  await server.cleanup();
  rmSync(repo, { recursive: true, force: true });
});

describe("git routes", () => {
  it("lists changes, stages a file and commits it through HTTP", async () => {
    writeFileSync(join(repo, "note.txt"), "one\ntwo\n");
    const changes = (await (await api(server, `/api/sessions/${session.id}/git/changes`)).json()) as { unstaged: { path: string; additions: number }[] };
    expect(changes.unstaged).toEqual([expect.objectContaining({ path: "note.txt", status: "?", additions: 2 })]);
    expect((await post(`/api/sessions/${session.id}/git/stage`, { paths: ["note.txt"] })).status).toBe(200);
    const committed = await post(`/api/sessions/${session.id}/git/commit`, { message: "Add a note" });
    expect(committed.status).toBe(200);
    expect(await committed.json()).toMatchObject({ sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
  });

  it("refuses bad input with a clear message: paths outside the work tree, an empty message, nothing staged", async () => {
    for (const path of ["../outside.txt", "/etc/passwd", "a/../../b"]) {
      const response = await post(`/api/sessions/${session.id}/git/discard`, { paths: [path] });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("must be a path inside the work tree");
    }
    const empty = await post(`/api/sessions/${session.id}/git/commit`, { message: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("write a commit message");
    const nothing = await post(`/api/sessions/${session.id}/git/commit`, { message: "x" });
    expect(nothing.status).toBe(400);
    expect(((await nothing.json()) as { error: { message: string } }).error.message).toMatch(/Nothing is staged/);
    expect((await post(`/api/sessions/ses_doesnotexist0000/git/push`)).status).toBe(404);
  });
});
