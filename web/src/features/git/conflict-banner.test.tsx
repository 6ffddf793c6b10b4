// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { GitState, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { ConflictBanner } from "./sync-actions.tsx";

isolateDomTests();

const git: GitState = { branch: "fix", headSha: "a".repeat(40), headSubject: "first", ahead: 0, behind: 0, files: [], checkedAt: 1, operation: "merge", conflicts: ["b.txt"], resolvedConflicts: ["a.txt"], upstream: null, hasOrigin: true, mergedPullRequest: null };

describe("the conflict banner", () => {
  it("keeps a file resolved during the merge listed, marked resolved, beside those still in conflict", () => {
    render(<ConflictBanner sessionId={"ses_conflict01" as SessionId} git={git} busy={null} run={vi.fn()} />);
    const files = within(screen.getByRole("list", { name: "Files in conflict" })).getAllByRole("listitem");
    expect(files.map((item) => item.textContent)).toEqual(["b.txtOpenMark resolved", "a.txtResolvedOpen"]);
    expect(screen.getByRole("button", { name: "Open a.txt in the editor" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Mark a.txt resolved" })).toBeNull();
    expect(screen.getByText(/stopped on conflicts in 2 files \(1 resolved\)\./)).toBeTruthy();
  });
});
