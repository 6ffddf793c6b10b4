import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { makeSourceControlKit, type SourceControlKit } from "./source-control-test-kit.ts";

let k: SourceControlKit;
beforeEach(async () => {
  k = await makeSourceControlKit();
});
afterEach(() => k.close());

/** `size` bytes that git takes for binary (they hold NULs). */
const binary = (size: number) => new Uint8Array(size).fill(0);
const write = (name: string, bytes: Uint8Array) => writeFileSync(join(k.cwd, name), bytes);

it("says a binary file's sizes on each side: HEAD → index when staged, index → work tree when not", async () => {
  write("logo.bin", binary(100));
  await git(k.cwd, ["add", "logo.bin"]);
  await git(k.cwd, ["commit", "--quiet", "-m", "add logo"]);
  write("logo.bin", binary(250));
  await git(k.cwd, ["add", "logo.bin"]);
  write("logo.bin", binary(40));
  const staged = await k.service.fileDiff(k.id, "logo.bin", true);
  const unstaged = await k.service.fileDiff(k.id, "logo.bin", false);
  expect(staged).toMatchObject({ isBinary: true, hunks: [], sizes: { before: 100, after: 250 } });
  expect(unstaged).toMatchObject({ isBinary: true, hunks: [], sizes: { before: 250, after: 40 } });
});

it("says nothing was there for an added binary file's before side and a deleted one's after side", async () => {
  write("old.bin", binary(64));
  await git(k.cwd, ["add", "old.bin"]);
  await git(k.cwd, ["commit", "--quiet", "-m", "add old"]);
  write("new.bin", binary(32));
  await git(k.cwd, ["add", "new.bin"]);
  rmSync(join(k.cwd, "old.bin"));
  expect((await k.service.fileDiff(k.id, "new.bin", true)).sizes).toEqual({ before: null, after: 32 });
  expect((await k.service.fileDiff(k.id, "old.bin", false)).sizes).toEqual({ before: 64, after: null });
});

it("gives a text file's diff no sizes: its hunks say what changed", async () => {
  writeFileSync(join(k.cwd, "README.md"), "# changed\n");
  expect((await k.service.fileDiff(k.id, "README.md", false)).sizes).toBeNull();
});
