// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RewindPreview } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { madeByHandText, RewindConfirm } from "./rewind-confirm.tsx";

isolateDomTests();

const preview = (headMove: RewindPreview["headMove"]): RewindPreview => ({
  checkpoint: { id: "chk_1", conversationId: "cnv_rewindconfirm", messageId: "msg_1", kind: "turn", label: "Write it", createdAt: 1 },
  files: [{ path: "hello.txt", change: "deleted" }],
  patch: "",
  isTruncated: false,
  headMove,
});

const shown = (headMove: RewindPreview["headMove"]) => {
  const { unmount } = render(<RewindConfirm preview={preview(headMove)} isBusy={false} error={null} onConfirm={() => undefined} onCancel={() => undefined} />);
  const note = screen.queryByRole("note")?.textContent ?? null;
  unmount();
  return note;
};

describe("RewindConfirm", () => {
  it("says before a rewind that commits made since stay, and the files it changes back show as uncommitted", () => {
    expect(shown(null)).toBeNull();
    expect(shown({ commits: 1 })).toBe("A commit was made since this checkpoint. Rewinding changes the files, not the commits: what it changes back shows as uncommitted changes.");
    expect(shown({ commits: 3 })).toMatch(/^3 commits were made since this checkpoint\./);
    expect(shown({ commits: null })).toMatch(/^The branch has moved since this checkpoint \(another branch, a reset or an amend\)\. Rewinding changes the files, not the commits/);
  });

  it("names before a rewind the files it deletes that were made between or after Claude's turns, not by Claude", () => {
    render(<RewindConfirm preview={{ ...preview(null), files: [{ path: "report.md", change: "deleted" }, { path: "my-notes.md", change: "deleted", isMadeAfterClaude: true }] }} isBusy={false} error={null} onConfirm={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByText("1 file it deletes was made between or after Claude's turns, not by Claude: my-notes.md. The undo point keeps it.")).toBeTruthy();
    expect(screen.getAllByText("not Claude's")).toHaveLength(1);
    expect(madeByHandText([{ path: "report.md", change: "deleted" }])).toBeNull();
    const many = ["a", "b", "c", "d", "e"].map((path) => ({ path, change: "deleted" as const, isMadeAfterClaude: true }));
    expect(madeByHandText(many)).toBe("5 files it deletes were made between or after Claude's turns, not by Claude: a, b, c and 2 more. The undo point keeps them.");
  });
});
