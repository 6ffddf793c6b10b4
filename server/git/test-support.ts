import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { git } from "./git.ts";

/** A fresh repository in a temp dir with one commit on `main` (and a `.env` file ignored by git). For tests only. */
export async function makeTempRepo(prefix = "chatml-repo-"): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await git(dir, ["init", "--quiet", "--initial-branch=main"]);
  await git(dir, ["config", "user.email", "test@example.com"]);
  await git(dir, ["config", "user.name", "Test User"]);
  writeFileSync(join(dir, "README.md"), "# test\n");
  writeFileSync(join(dir, ".gitignore"), ".env\n");
  writeFileSync(join(dir, ".env"), "SECRET=1\n");
  await git(dir, ["add", "README.md", ".gitignore"]);
  await git(dir, ["commit", "--quiet", "-m", "first"]);
  return dir;
}

/** Commits a file in a work tree. */
export async function commitFile(cwd: string, name: string, text: string): Promise<void> {
  writeFileSync(join(cwd, name), text);
  await git(cwd, ["add", name]);
  await git(cwd, ["commit", "--quiet", "-m", `add ${name}`]);
}
