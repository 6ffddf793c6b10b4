// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { changeAction } from "./change-action.ts";
import { ChangeList } from "./change-list.tsx";

isolateDomTests();

it("says a binary file is binary instead of counting +0 −0 lines in it", () => {
  const files = [
    { path: "pic.png", status: "M", oldPath: null, additions: 0, deletions: 0, isBinary: true },
    { path: "a.txt", status: "M", oldPath: null, additions: 2, deletions: 1, isBinary: false },
  ];
  render(<ChangeList sessionId={"ses_changelist1" as SessionId} title="Changes" files={files} isStaged={false} version="1" run={async () => undefined} />);
  expect(screen.getByRole("button", { name: "Show the unstaged diff of pic.png" }).textContent).toBe("Mmodified, pic.pngbinary");
  expect(screen.getByRole("button", { name: "Show the unstaged diff of a.txt" }).textContent).toBe("Mmodified, a.txt+2−1");
});

it("says a new empty file is new and one too large to count is too large, instead of +0 −0", () => {
  const files = [
    { path: "empty.txt", status: "?", oldPath: null, additions: 0, deletions: 0, isBinary: false },
    { path: "huge.txt", status: "?", oldPath: null, additions: 0, deletions: 0, isBinary: false, isTooLarge: true },
    { path: "small.txt", status: "?", oldPath: null, additions: 3, deletions: 0, isBinary: false },
    { path: "app.log", status: "M", oldPath: null, additions: 200_000, deletions: 1_234, isBinary: false },
  ];
  render(<ChangeList sessionId={"ses_changelist1" as SessionId} title="Changes" files={files} isStaged={false} version="1" run={async () => undefined} />);
  expect(screen.getByRole("button", { name: "Show the unstaged diff of empty.txt" }).textContent).toBe("?untracked, empty.txtnew");
  expect(screen.getByRole("button", { name: "Show the unstaged diff of huge.txt" }).textContent).toBe("?untracked, huge.txttoo large");
  expect(screen.getByRole("button", { name: "Show the unstaged diff of small.txt" }).textContent).toBe("?untracked, small.txt+3−0");
  // Grouped in thousands, as the session's header counts them.
  expect(screen.getByRole("button", { name: "Show the unstaged diff of app.log" }).textContent).toBe("Mmodified, app.log+200,000−1,234");
});

it("shows a rename as 'old → new' with the arrow and its spaces outside the old name, which is cut first", () => {
  const files = [{ path: "src/new-name.ts", status: "R", oldPath: "src/old-name.ts", additions: 0, deletions: 0, isBinary: false }];
  render(<ChangeList sessionId={"ses_changelist1" as SessionId} title="Changes" files={files} isStaged={false} version="1" run={async () => undefined} />);
  const row = screen.getByRole("button", { name: "Show the unstaged diff of src/new-name.ts" });
  expect(row.textContent).toBe("Rrenamed, src/old-name.ts → src/new-name.ts+0−0");
  expect(row.querySelector("[data-testid=old-path]")?.textContent).toBe("src/old-name.ts");
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

it("past the listed first 1,000 paths, says so, and Stage all asks the server to stage every path, not the listed ones", async () => {
  const asked: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => (asked.push(`${init?.method ?? "GET"} ${String(url)}`), jsonResponse({ ok: true }))));
  const files = [{ path: "generated/g0000.txt", status: "?", oldPath: null, additions: 1, deletions: 0, isBinary: false }];
  render(<ChangeList sessionId={"ses_changelist1" as SessionId} title="Changes" files={files} isStaged={false} version="1" run={(_label, action) => action()} truncatedFrom={1_100} />);
  expect(screen.getByText("Git lists 1,100 changed paths: these are among the first 1,000. Stage all takes every one of them.")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Stage all" }));
  await vi.waitFor(() => expect(asked).toEqual([expect.stringMatching(/^POST .*\/api\/sessions\/ses_changelist1\/git\/stage-all$/)]));
});

it("says a failed action under the row it was pressed on, in its own list only", () => {
  const files = [
    { path: "a.txt", status: "M", oldPath: null, additions: 1, deletions: 0, isBinary: false },
    { path: "b.txt", status: "M", oldPath: null, additions: 1, deletions: 0, isBinary: false },
  ];
  const failure = { label: changeAction(false, "b.txt"), message: "fatal: index.lock exists" };
  const { container } = render(
    <>
      <ChangeList sessionId={"ses_changelist1" as SessionId} title="Staged" files={files} isStaged version="1" run={async () => undefined} failure={failure} />
      <ChangeList sessionId={"ses_changelist1" as SessionId} title="Changes" files={files} isStaged={false} version="1" run={async () => undefined} failure={failure} />
    </>,
  );
  const alerts = screen.getAllByRole("alert");
  expect(alerts.map((alert) => alert.textContent)).toEqual(["fatal: index.lock exists"]);
  const rows = [...container.querySelectorAll("section[aria-label=Changes] li")];
  expect(rows[1]?.contains(alerts[0] ?? null)).toBe(true);
});
