// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { ChangeList } from "./change-list.tsx";

isolateDomTests();

it("says a binary file is binary instead of counting +0 −0 lines in it", () => {
  const files = [
    { path: "pic.png", status: "M", oldPath: null, additions: 0, deletions: 0, isBinary: true },
    { path: "a.txt", status: "M", oldPath: null, additions: 2, deletions: 1, isBinary: false },
  ];
  render(<ChangeList sessionId={"ses_changelist1" as SessionId} title="Changes" files={files} isStaged={false} version="1" run={async () => undefined} />);
  expect(screen.getByRole("button", { name: "Show the unstaged diff of pic.png" }).textContent).toBe("Mpic.pngbinary");
  expect(screen.getByRole("button", { name: "Show the unstaged diff of a.txt" }).textContent).toBe("Ma.txt+2−1");
});

it("offers no Discard for a file in conflict, which git cannot check out (the merge's Abort goes back)", () => {
  const files = [
    { path: "conf.txt", status: "U", oldPath: null, additions: 4, deletions: 0, isBinary: false },
    { path: "a.txt", status: "M", oldPath: null, additions: 2, deletions: 1, isBinary: false },
  ];
  render(<ChangeList sessionId={"ses_changelist1" as SessionId} title="Changes" files={files} isStaged={false} version="1" run={async () => undefined} />);
  expect(screen.queryByRole("button", { name: "Discard changes to conf.txt" })).toBeNull();
  expect(screen.getByRole("button", { name: "Discard changes to a.txt" })).toBeTruthy();
});
