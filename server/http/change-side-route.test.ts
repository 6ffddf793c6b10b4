import { rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileDiffSides } from "../../shared/api/workbench.ts";
import type { Session } from "../../shared/protocol/model.ts";
import { git } from "../git/git.ts";
import { makeTempRepo } from "../git/test-support.ts";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
let repo: string;
let session: Session;

/** Bytes no text decoding keeps: a PNG signature, a NUL and bytes that are not UTF-8. */
const OLD_PICTURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0xc3]);
const NEW_PICTURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01, 0xfa]);
const DELETED = Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xe2, 0x28, 0xa1]);
const SCRIPTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>\n';

const side = (query: Record<string, string>) => api(server, `/api/sessions/${session.id}/changes/side?${new URLSearchParams({ scope: "uncommitted", ...query })}`);

beforeAll(async () => {
  server = await startTestServer();
  repo = await makeTempRepo();
  writeFileSync(join(repo, "logo.png"), OLD_PICTURE);
  writeFileSync(join(repo, "data.bin"), DELETED);
  writeFileSync(join(repo, "icon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  await git(repo, ["add", "-A"]);
  await git(repo, ["commit", "-qm", "pictures"]);
  writeFileSync(join(repo, "logo.png"), NEW_PICTURE);
  writeFileSync(join(repo, "icon.svg"), SCRIPTED_SVG);
  unlinkSync(join(repo, "data.bin"));
  const post = (path: string, body: unknown) => api(server, path, { method: "POST", body: JSON.stringify(body) });
  const { workspace } = (await (await post("/api/workspaces", { path: repo })).json()) as { workspace: { id: string } };
  ({ session } = (await (await post("/api/sessions", { workspaceId: workspace.id, kind: "folder" })).json()) as { session: Session });
});
afterAll(async () => {
  await server.cleanup();
  rmSync(repo, { recursive: true, force: true });
});

describe("one side of a changed file, as bytes", () => {
  it("serves an edited image's old bytes from git and its new bytes from disk, exactly, as an image", async () => {
    const old = await side({ path: "logo.png", side: "old" });
    expect(old.status).toBe(200);
    expect(old.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await old.arrayBuffer())).toEqual(OLD_PICTURE);
    const current = await side({ path: "logo.png", side: "new" });
    expect(Buffer.from(await current.arrayBuffer())).toEqual(NEW_PICTURE);
    const sides = ((await (await api(server, `/api/sessions/${session.id}/changes/file?scope=uncommitted&path=logo.png`)).json()) as { sides: FileDiffSides }).sides;
    expect(sides).toMatchObject({ isBinary: true, isDeleted: false, images: { before: { mediaType: "image/png", size: OLD_PICTURE.length }, after: { mediaType: "image/png", size: NEW_PICTURE.length } } });
  });

  it("serves an SVG so that, opened on its own, its script cannot run: a sandbox policy, nosniff", async () => {
    const svg = await side({ path: "icon.svg", side: "new" });
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(svg.headers.get("x-content-type-options")).toBe("nosniff");
    // The app's policy and the route's sandbox, both enforced.
    expect(svg.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'.*, sandbox; default-src 'none'/);
    expect(await svg.text()).toBe(SCRIPTED_SVG);
  });

  it("lets a deleted file be downloaded as it was, as an attachment, and says so when a side has no file", async () => {
    const sides = ((await (await api(server, `/api/sessions/${session.id}/changes/file?scope=uncommitted&path=data.bin`)).json()) as { sides: FileDiffSides }).sides;
    expect(sides).toMatchObject({ isBinary: true, isDeleted: true, images: null });
    const download = await side({ path: "data.bin", side: "old", download: "1" });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    expect(download.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''data.bin");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(DELETED);
    const gone = await side({ path: "data.bin", side: "new" });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("data.bin does not exist after the change");
  });

  it("refuses paths outside the worktree and an unknown side", async () => {
    for (const path of ["../../etc/passwd", "/etc/passwd", ".git/config"]) {
      const refused = await side({ path, side: "old" });
      expect(refused.status).toBe(403);
    }
    expect((await side({ path: "logo.png", side: "middle" })).status).toBe(400);
  });
});
