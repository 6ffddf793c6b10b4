import { describe, expect, it } from "vitest";
import type { GitState } from "../../../../shared/index.ts";
import { leftOutOfMerge } from "./merge-leaves-out.ts";

const git = (fields: Partial<GitState>) => ({ branch: "gadget", headSha: "abc", ahead: 1, behind: 0, files: [], checkedAt: 0, upstream: { name: "origin/gadget", ahead: 0, behind: 0 }, ...fields }) as GitState;

describe("what a merge on GitHub leaves out", () => {
  it("is nothing when every commit is pushed and nothing is uncommitted", () => {
    expect(leftOutOfMerge(git({}), "gadget")).toBeNull();
    expect(leftOutOfMerge(null, "gadget")).toBeNull();
  });

  it("names the commits not pushed and the files not committed, in the singular and the plural", () => {
    expect(leftOutOfMerge(git({ upstream: { name: "origin/gadget", ahead: 1, behind: 0 } }), "gadget")).toBe("Merge takes the pull request as it is on GitHub: 1 commit here is not pushed.");
    expect(leftOutOfMerge(git({ fileCount: 11 }), "gadget")).toBe("Merge takes the pull request as it is on GitHub: 11 changed files are not committed.");
    expect(leftOutOfMerge(git({ upstream: { name: "origin/gadget", ahead: 2, behind: 0 }, files: [{ path: "a.ts", status: "M", additions: 1, deletions: 0 }] }), "gadget")).toBe(
      "Merge takes the pull request as it is on GitHub: 2 commits here are not pushed, and 1 changed file is not committed.",
    );
  });

  it("counts no commit as unpushed on a branch that tracks another than the pull request's (its base: ahead by the PR's own)", () => {
    expect(leftOutOfMerge(git({ upstream: { name: "origin/main", ahead: 3, behind: 0 } }), "gadget")).toBeNull();
  });
});
