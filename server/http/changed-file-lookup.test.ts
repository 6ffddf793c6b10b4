import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeList } from "../../shared/api/workbench.ts";
import type { Session } from "../../shared/protocol/model.ts";
import { makeTempRepo } from "../git/test-support.ts";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
let repo: string;
let session: Session;

/** A folder name 200 characters long: ten of them deep make a path of about 2,000 characters, valid on Linux. */
const LONG_FOLDER = "d".repeat(200);
const LONG_PATH = [...Array.from({ length: 10 }, () => LONG_FOLDER), "deep.txt"].join("/");

const listing = (query: Record<string, string>) => api(server, `/api/sessions/${session.id}/changes?${new URLSearchParams({ scope: "uncommitted", ...query })}`);
const files = async (query: Record<string, string>) => {
  const response = await listing(query);
  expect(response.status).toBe(200);
  return ((await response.json()) as { changes: ChangeList }).changes;
};

beforeAll(async () => {
  server = await startTestServer();
  repo = await makeTempRepo();
  writeFileSync(join(repo, "a.ts"), "export const a = 1;\n");
  writeFileSync(join(repo, "data.ts"), "export const data = 1;\n");
  mkdirSync(join(repo, ...LONG_PATH.split("/").slice(0, -1)), { recursive: true });
  writeFileSync(join(repo, LONG_PATH), "deep\n");
  const post = (path: string, body: unknown) => api(server, path, { method: "POST", body: JSON.stringify(body) });
  const { workspace } = (await (await post("/api/workspaces", { path: repo })).json()) as { workspace: { id: string } };
  ({ session } = (await (await post("/api/sessions", { workspaceId: workspace.id, kind: "folder" })).json()) as { session: Session });
});
afterAll(async () => {
  await server.cleanup();
  rmSync(repo, { recursive: true, force: true });
});

describe("a diff tab's lookup of its file in a scope's changes", () => {
  it("finds the file at exactly its path, not every file whose path holds it (a.ts is not data.ts)", async () => {
    const found = await files({ file: "a.ts" });
    expect(found.files.map((file) => file.path)).toEqual(["a.ts"]);
    expect(found).toMatchObject({ totalCount: 1, isTruncated: false, pathFilter: null });
    // The filter by part of a path still matches both, as the Changes list's filter should.
    expect((await files({ path: "a.ts" })).files.map((file) => file.path).sort()).toEqual(["a.ts", "data.ts"]);
  });

  it("finds a file whose path is longer than 1,000 characters, by its exact path and by part of it", async () => {
    expect(LONG_PATH.length).toBeGreaterThan(2_000);
    expect((await files({ file: LONG_PATH })).files.map((file) => file.path)).toEqual([LONG_PATH]);
    expect((await files({ path: LONG_PATH })).files.map((file) => file.path)).toEqual([LONG_PATH]);
  });

  it("answers a file that is not changed with no file, and a path no file can have with a clear 400", async () => {
    expect((await files({ file: "missing.ts" })).files).toEqual([]);
    const tooLong = await listing({ file: "x".repeat(4_097) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("A path is at most 4,096 characters.");
    const withNul = await listing({ file: "a.ts\0b" });
    expect(withNul.status).toBe(400);
    expect(await withNul.text()).toContain("A path cannot hold a NUL character.");
  });
});
