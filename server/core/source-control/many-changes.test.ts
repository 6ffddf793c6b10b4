import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { makeSourceControlKit, type SourceControlKit } from "./source-control-test-kit.ts";

/*
 * The Git panel lists the first 1,000 changed paths. With more (a generated folder, a big rename), it says so, and
 * "Stage all" / "Unstage all" act on every path: staging only the listed ones left the rest out of the next commit,
 * unseen (and 1,000 renames, two paths each, were refused as too many paths).
 */
let k: SourceControlKit;
const staged = async () => (await git(k.cwd, ["diff", "--cached", "--name-only", "-z"])).split("\0").filter(Boolean);

beforeAll(async () => {
  k = await makeSourceControlKit();
  mkdirSync(join(k.cwd, "generated"));
  for (let i = 0; i < 1_100; i++) writeFileSync(join(k.cwd, "generated", `g${String(i).padStart(4, "0")}.txt`), `${i}\n`);
});
afterAll(() => k.close());

describe("more than 1,000 changed paths in the Git panel", () => {
  it("lists the first 1,000 and says how many git listed", { timeout: 60_000 }, async () => {
    const changes = await k.service.changes(k.id);
    expect(changes.unstaged).toHaveLength(1_000);
    expect(changes.truncatedFrom).toBe(1_100);
  });

  it("Stage all stages every path, the unlisted ones too; Unstage all unstages every one", { timeout: 60_000 }, async () => {
    await k.service.stageAll(k.id);
    expect(await staged()).toHaveLength(1_100);
    const changes = await k.service.changes(k.id);
    expect(changes.staged).toHaveLength(1_000);
    expect(changes.unstaged).toEqual([]);
    await k.service.unstageAll(k.id);
    expect(await staged()).toEqual([]);
  });
});
