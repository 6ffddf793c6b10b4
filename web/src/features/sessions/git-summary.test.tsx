// @vitest-environment jsdom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { GitFileChange, Session } from "../../../../shared/index.ts";
import { GitSummary } from "./session-labels.tsx";

afterEach(cleanup);

const session = (files: GitFileChange[], ahead = 0, behind = 0) =>
  ({ baseBranch: "main", git: { branch: "feature", headSha: "abc", headSubject: null, ahead, behind, files, checkedAt: 1, operation: null, conflicts: [], upstream: null } }) as unknown as Session;
const file = (additions: number, deletions: number): GitFileChange => ({ path: "a.ts", status: "M", additions, deletions });

/** The text a screen shows, reading Tailwind's `hidden` / `sm:hidden` / `sm:inline` (a phone is below `sm`); no screen-reader-only text. */
function shownText(node: Node, isPhone: boolean): string {
  if (node instanceof HTMLElement) {
    const classes = node.classList;
    if (classes.contains("sr-only")) return "";
    const isHidden = isPhone ? classes.contains("hidden") : classes.contains("sm:hidden") || (classes.contains("hidden") && !classes.contains("sm:inline"));
    if (isHidden) return "";
  }
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
  return [...node.childNodes].map((child) => shownText(child, isPhone)).join("");
}

const phone = (s: Session) => shownText(render(<GitSummary session={s} isCompact />).container, true);
const desktop = (s: Session) => shownText(render(<GitSummary session={s} isCompact />).container, false);

describe("a session's git summary", () => {
  it("on a phone, after everything was committed, says the tree is clean and how far ahead the branch is", () => {
    expect(phone(session([], 1))).toBe("clean\u00a0· 1↑");
    cleanup();
    expect(desktop(session([], 1))).toBe("clean\u00a0· 1↑ 0↓ main");
  });

  it("counts the lines of every changed file, not only of the 300 the state lists", () => {
    const many = session(Array.from({ length: 300 }, () => file(1, 0)));
    const counted = { ...many, git: { ...many.git!, fileCount: 2_102, additions: 2_102, deletions: 4 } } as Session;
    expect(desktop(counted)).toBe("+2,102 −4\u00a0· 2,102 files\u00a0· 0↑ 0↓ main");
  });

  it("on a phone, keeps the line counts and both distances that are not zero", () => {
    expect(phone(session([file(3, 1), file(0, 0)], 2, 1))).toBe("+3 −1\u00a0· 2↑ 1↓");
    cleanup();
    expect(desktop(session([file(3, 1), file(0, 0)], 2, 1))).toBe("+3 −1\u00a0· 2 files\u00a0· 2↑ 1↓ main");
  });

  it("never reads +0 −0: a clean tree level with its base is just clean, a dirty one with no counted lines names its files", () => {
    expect(phone(session([]))).toBe("clean");
    cleanup();
    expect(phone(session([file(0, 0)]))).toBe("1 file");
  });

  it("counts every changed file, also past the first 300 the session's state lists", () => {
    const listed = Array.from({ length: 300 }, () => file(1, 0));
    const s = session(listed);
    const withCount = { ...s, git: { ...s.git, fileCount: 320 } } as Session;
    expect(desktop(withCount)).toBe("+300 −0\u00a0· 320 files\u00a0· 0↑ 0↓ main");
  });

  it("says the distance in words to a screen reader on a phone", () => {
    const { container } = render(<GitSummary session={session([], 1)} isCompact />);
    expect(container.querySelector(".sr-only")?.textContent).toBe(", 1 commit ahead of main, 0 behind");
  });

  // A squash merge left the branch's commit "ahead" of main: the phone read "clean · 1↑" as work still to merge.
  it("once the session's PR is merged, says so instead of the commits it took, and still counts a commit it did not", () => {
    const merged = (unmergedCommits: number, ahead: number) => {
      const s = session([], ahead, 1);
      return { ...s, git: { ...s.git!, mergedPullRequest: { number: 12, baseRef: "main", unmergedCommits } } } as Session;
    };
    expect(phone(merged(0, 1))).toBe("clean\u00a0· merged in #12");
    cleanup();
    expect(desktop(merged(0, 1))).toBe("clean\u00a0· merged in #12");
    cleanup();
    const { container } = render(<GitSummary session={merged(0, 1)} isCompact />);
    expect(container.querySelector(".sr-only")?.textContent).toBe(", Pull request #12 merged into main; this branch's work is in it (git counts 1 commit ahead of main: a squash or rebase merge makes new ones)");
    cleanup();
    expect(phone(merged(1, 2))).toBe("clean\u00a0· merged in #12\u00a0· 1↑ 1↓");
    cleanup();
    expect(desktop(merged(1, 2))).toBe("clean\u00a0· merged in #12\u00a0· 1↑ 1↓ main");
  });
});
