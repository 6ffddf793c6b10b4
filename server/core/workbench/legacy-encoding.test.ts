import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/git.ts";
import { makeWorkbenchKit, type WorkbenchKit } from "./workbench-test-kit.ts";

const latin1 = (text: string) => Buffer.from(text, "latin1");

describe("the diff of a file that is not UTF-8, on a real repository", () => {
  let k: WorkbenchKit;
  beforeEach(async () => {
    k = await makeWorkbenchKit();
  });
  afterEach(() => k.close());

  it("reads a Latin-1 file as Windows-1252 on both sides and says so, instead of showing �", async () => {
    writeFileSync(join(k.repo, "menu.txt"), latin1("café\n"));
    await git(k.repo, ["add", "menu.txt"]);
    await git(k.repo, ["-c", "user.email=test@example.com", "-c", "user.name=Test User", "commit", "--quiet", "-m", "menu"]);
    writeFileSync(join(k.repo, "menu.txt"), latin1("crème brûlée, café\n"));
    const sides = await k.changes.sides(k.session.id, "uncommitted", "menu.txt");
    expect(sides).toMatchObject({ before: "café\n", after: "crème brûlée, café\n", encoding: "windows-1252", isBinary: false });
  });

  it("keeps UTF-8 files as UTF-8, a byte order mark included", async () => {
    writeFileSync(join(k.repo, "README.md"), "\uFEFF# café\n");
    const sides = await k.changes.sides(k.session.id, "uncommitted", "README.md");
    expect(sides).toMatchObject({ before: "# test\n", after: "\uFEFF# café\n", encoding: "utf-8" });
  });
});
