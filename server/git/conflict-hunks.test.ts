import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { continueOperation, integrate } from "./remote-actions.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";

describe("continuing a merge", () => {
  let repo: string;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await commitFile(repo, "a.txt", "base\n");
    await git(repo, ["checkout", "-q", "-b", "work"]);
    await commitFile(repo, "a.txt", "work\n");
    await git(repo, ["checkout", "-q", "main"]);
    await commitFile(repo, "a.txt", "main\n");
    await commitFile(repo, "guide.rst", "Guide\n=======\n\nText.\n");
    await git(repo, ["checkout", "-q", "work"]);
    expect(await integrate(repo, "refs/heads/main", "merge")).toMatchObject({ status: "conflicts", conflicts: ["a.txt"] });
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it("is not refused for a file the merge brings in with a line of seven '=' (an underline)", async () => {
    writeFileSync(join(repo, "a.txt"), "both\n");
    await git(repo, ["add", "a.txt"]);
    expect(await continueOperation(repo)).toMatchObject({ status: "done" });
    // git's draft of the message lists the conflicts in comment lines, which a commit from an editor strips.
    expect(await git(repo, ["log", "-1", "--format=%B"])).toBe("Merge branch 'main' into work");
  });

  it("is refused while a staged file still holds a whole conflict, naming its marker lines only", async () => {
    await git(repo, ["add", "a.txt"]);
    await expect(continueOperation(repo)).rejects.toThrow(/^These files still have conflict markers: a\.txt \(line 1, 3, 5\)\. Fix them/);
  });
});

describe("continuing a merge with a conflict in a file whose name holds accents, CJK, a space, a quote or a newline", () => {
  let repo: string;
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  // `--check` names a file as it is (unquoted, no -z): a newline in the name split its report line, and the conflict was missed.
  it.each(["café.txt", "日本語.txt", "with space.txt", 'say "hi".txt', "tab\there.txt", "back\\slash.txt", "new\nline.txt"])(
    "is refused while %j still holds its conflict markers",
    async (name) => {
      repo = await makeTempRepo();
      await commitFile(repo, name, "base\n");
      await git(repo, ["checkout", "-q", "-b", "work"]);
      await commitFile(repo, name, "work\n");
      await git(repo, ["checkout", "-q", "main"]);
      await commitFile(repo, name, "main\n");
      await git(repo, ["checkout", "-q", "work"]);
      expect(await integrate(repo, "refs/heads/main", "merge")).toMatchObject({ status: "conflicts", conflicts: [name] });
      await git(repo, ["add", "--", `:(literal)${name}`]);
      await expect(continueOperation(repo)).rejects.toThrow(`These files still have conflict markers: ${name} (line 1, 3, 5).`);
    },
  );
});
