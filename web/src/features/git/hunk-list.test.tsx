// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { HunkList } from "./hunk-list.tsx";
import { LINES_AT_ONCE } from "./hunk-lines.tsx";
import { useGitAction } from "./use-git-action.ts";

const SESSION = "ses_hunklist01" as SessionId;

isolateDomTests();

it("asks for a rename's own hunks, says what its buttons do to the move, and names the old path when unstaging one", async () => {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url: String(url), body: init?.body ? JSON.parse(String(init.body)) : null });
    if (String(url).includes("/git/diff")) {
      const hunk = { index: 0, header: "@@ -1,3 +1,3 @@", lines: ["@@ -1,3 +1,3 @@", " one", "-two", "+TWO", " three"] };
      return jsonResponse({ diff: { path: "g.txt", oldPath: "f.txt", isStaged: true, isBinary: false, hunks: [hunk] } });
    }
    return jsonResponse({ ok: true });
  }));
  const run = (_label: string, action: () => Promise<unknown>) => action();
  render(<HunkList sessionId={SESSION} path="g.txt" oldPath="f.txt" isStaged version="1" run={run} />);
  await screen.findByText(/Moved from f\.txt: these are the lines changed besides the move\. Unstaging a hunk keeps the move staged\./);
  expect(new URL(calls[0]?.url ?? "", "http://x").searchParams.get("oldPath")).toBe("f.txt");
  fireEvent.click(screen.getByRole("button", { name: "Unstage hunk 1 of g.txt" }));
  await waitFor(() => expect(calls.at(-1)?.body).toEqual({ path: "g.txt", oldPath: "f.txt", index: 0, header: "@@ -1,3 +1,3 @@", action: "unstage" }));
});

it("names each hunk's discard question after its hunk, focuses it, and Escape puts the Discard button back focused", async () => {
  const bodies: unknown[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.body) bodies.push(JSON.parse(String(init.body)));
    if (!String(url).includes("/git/diff")) return jsonResponse({ ok: true });
    const hunks = [0, 1].map((index) => ({ index, header: `@@ -${index * 20 + 1},1 +${index * 20 + 1},1 @@`, lines: [`@@ -${index * 20 + 1},1 +${index * 20 + 1},1 @@`, "-a", "+b"] }));
    return jsonResponse({ diff: { path: "h.txt", oldPath: null, isStaged: false, isBinary: false, hunks } });
  }));
  render(<HunkList sessionId={SESSION} path="h.txt" oldPath={null} isStaged={false} version="1" run={(_label, action) => action()} />);
  fireEvent.click(await screen.findByRole("button", { name: "Discard hunk 1 of h.txt" }));
  fireEvent.click(screen.getByRole("button", { name: "Discard hunk 2 of h.txt" }));
  // Both questions are open at once: each answer says which hunk it is about.
  const second = screen.getByRole("button", { name: "Discard hunk? Yes: Discard hunk 2 of h.txt" });
  expect(document.activeElement).toBe(second);
  fireEvent.keyDown(screen.getByRole("button", { name: "Keep — cancel: Discard hunk 1 of h.txt" }), { key: "Escape" });
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Discard hunk 1 of h.txt" }));
  fireEvent.click(second);
  await waitFor(() => expect(bodies.at(-1)).toMatchObject({ path: "h.txt", index: 1, action: "discard" }));
});

it("acts on the changed lines picked in a hunk alone, and says so on its buttons", async () => {
  const bodies: unknown[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.body) bodies.push(JSON.parse(String(init.body)));
    if (!String(url).includes("/git/diff")) return jsonResponse({ ok: true });
    const hunk = { index: 0, header: "@@ -1,3 +1,3 @@", lines: ["@@ -1,3 +1,3 @@", " one", "-two", "+TWO", "-three", "+THREE"] };
    return jsonResponse({ diff: { path: "p.txt", oldPath: null, isStaged: false, isBinary: false, hunks: [hunk] } });
  }));
  render(<HunkList sessionId={SESSION} path="p.txt" oldPath={null} isStaged={false} version="1" run={(_label, action) => action()} />);
  fireEvent.click(await screen.findByRole("button", { name: "-two" }));
  fireEvent.click(screen.getByRole("button", { name: "+TWO" }));
  expect(screen.getByRole("button", { name: "+TWO" }).getAttribute("aria-pressed")).toBe("true");
  expect(screen.getByRole("button", { name: "+THREE" }).getAttribute("aria-pressed")).toBe("false");
  fireEvent.click(screen.getByRole("button", { name: "Stage 2 lines of hunk 1 of p.txt" }));
  await waitFor(() => expect(bodies.at(-1)).toEqual({ path: "p.txt", index: 0, header: "@@ -1,3 +1,3 @@", action: "stage", lines: [2, 3] }));
  fireEvent.click(screen.getByRole("button", { name: "-two" }));
  fireEvent.click(screen.getByRole("button", { name: "Discard 1 line of hunk 1 of p.txt" }));
  fireEvent.click(screen.getByRole("button", { name: "Discard 1 line? Yes: Discard 1 line of hunk 1 of p.txt" }));
  await waitFor(() => expect(bodies.at(-1)).toMatchObject({ action: "discard", lines: [3] }));
});

/** A tap on a touch screen: a click whose pointer is a finger. */
const tap = (element: HTMLElement) => act(() => void element.dispatchEvent(new PointerEvent("click", { bubbles: true, cancelable: true, pointerType: "touch" })));

it("on a touch screen a second tap picks the range of changed lines up to it, and Clear drops the picks", async () => {
  const bodies: unknown[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.body) bodies.push(JSON.parse(String(init.body)));
    if (!String(url).includes("/git/diff")) return jsonResponse({ ok: true });
    const hunk = { index: 0, header: "@@ -1,4 +1,4 @@", lines: ["@@ -1,4 +1,4 @@", "-a", " same", "-b", "+B", "-c", "+C"] };
    return jsonResponse({ diff: { path: "t.txt", oldPath: null, isStaged: false, isBinary: false, hunks: [hunk] } });
  }));
  render(<HunkList sessionId={SESSION} path="t.txt" oldPath={null} isStaged={false} version="1" run={(_label, action) => action()} />);
  tap(await screen.findByRole("button", { name: "-b" }));
  tap(screen.getByRole("button", { name: "+C" }));
  expect(["-a", "-b", "+B", "-c", "+C"].map((name) => screen.getByRole("button", { name }).getAttribute("aria-pressed"))).toEqual(["false", "true", "true", "true", "true"]);
  // Upwards from the last one tapped; the unchanged line between is no pick.
  tap(screen.getByRole("button", { name: "-a" }));
  fireEvent.click(screen.getByRole("button", { name: "Stage 5 lines of hunk 1 of t.txt" }));
  await waitFor(() => expect(bodies.at(-1)).toMatchObject({ action: "stage", lines: [1, 3, 4, 5, 6] }));
  fireEvent.click(screen.getByRole("button", { name: "Clear the lines picked in hunk 1 of t.txt" }));
  expect(screen.getByRole("button", { name: "Stage hunk 1 of t.txt" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "-b" }).getAttribute("aria-pressed")).toBe("false");
});

it("draws a long hunk in parts, each 'Show more' saying how many lines are not drawn yet", async () => {
  const body = Array.from({ length: 1_050 }, (_, i) => `+line ${i + 1}`);
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ diff: { path: "big.txt", oldPath: null, isStaged: false, isBinary: false, hunks: [{ index: 0, header: "@@ -0,0 +1,1050 @@", lines: ["@@ -0,0 +1,1050 @@", ...body] }] } })));
  render(<HunkList sessionId={SESSION} path="big.txt" oldPath={null} isStaged={false} version="1" run={(_label, action) => action()} />);
  const lines = await screen.findByLabelText("Lines of hunk 1");
  expect(lines.children).toHaveLength(LINES_AT_ONCE);
  fireEvent.click(screen.getByRole("button", { name: "Show 500 more lines of hunk 1 (550 not shown)" }));
  expect(lines.children).toHaveLength(1_000);
  fireEvent.click(screen.getByRole("button", { name: "Show 50 more lines of hunk 1 (50 not shown)" }));
  expect(lines.children).toHaveLength(1_050);
  expect(lines.lastElementChild?.textContent).toBe("+line 1050");
  expect(screen.queryByRole("button", { name: /^Show \d+ more lines/ })).toBeNull();
});

it("says a binary file's size on each side, staged or not, in the words the Changes view uses", async () => {
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    const isStaged = new URL(String(url), "http://x").searchParams.get("staged") === "true";
    const sizes = isStaged ? { before: null, after: 2048 } : { before: 2048, after: 1000 };
    return jsonResponse({ diff: { path: "logo.png", oldPath: null, isStaged, isBinary: true, hunks: [], sizes } });
  }));
  const run = (_label: string, action: () => Promise<unknown>) => action();
  const { unmount } = render(<HunkList sessionId={SESSION} path="logo.png" oldPath={null} isStaged version="1" run={run} />);
  expect((await screen.findByTestId("side-sizes")).textContent).toBe("Added: 2.0 KB");
  unmount();
  render(<HunkList sessionId={SESSION} path="logo.png" oldPath={null} isStaged={false} version="1" run={run} />);
  expect((await screen.findByTestId("side-sizes")).textContent).toBe("Before: 2.0 KB\u00a0· After: 1000 bytes (1.0 KB smaller)");
  expect(screen.getByText("Binary file: stage or discard it as a whole.")).toBeTruthy();
});

it("names a blank changed line by what it is, not by a lone + or -", async () => {
  const hunk = { index: 0, header: "@@ -1,2 +1,3 @@", lines: ["@@ -1,2 +1,3 @@", " # Title", "-", "+", "+## Usage"] };
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ diff: { path: "r.md", oldPath: null, isStaged: false, isBinary: false, hunks: [hunk] } })));
  render(<HunkList sessionId={SESSION} path="r.md" oldPath={null} isStaged={false} version="1" run={(_label, action) => action()} />);
  expect((await screen.findByRole("button", { name: "Added blank line" })).getAttribute("aria-pressed")).toBe("false");
  expect(screen.getByRole("button", { name: "Removed blank line" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "+## Usage" })).toBeTruthy();
});

it("says a file's hunks are shown as Windows-1252 when it is not UTF-8, as the diff view does", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => {
    const hunk = { index: 0, header: "@@ -1 +1 @@", lines: ["@@ -1 +1 @@", "-thé", "+café"] };
    return jsonResponse({ diff: { path: "menu.txt", oldPath: null, isStaged: false, isBinary: false, hunks: [hunk], encoding: "windows-1252" } });
  }));
  render(<HunkList sessionId={SESSION} path="menu.txt" oldPath={null} isStaged={false} version="1" run={(_label, action) => action()} />);
  await screen.findByText("Shown as Windows-1252: this file is not UTF-8.");
  expect(screen.getByRole("button", { name: "+café" })).toBeTruthy();
});

it("offers a new file's lines picked for staging only: git discards a new file whole", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => {
    const hunk = { index: 0, header: "@@ -0,0 +1,2 @@", lines: ["@@ -0,0 +1,2 @@", "+one", "+two"] };
    return jsonResponse({ diff: { path: "new.txt", oldPath: null, isStaged: false, isBinary: false, hunks: [hunk], isNew: true } });
  }));
  render(<HunkList sessionId={SESSION} path="new.txt" oldPath={null} isStaged={false} version="1" run={(_label, action) => action()} />);
  expect(await screen.findByRole("button", { name: "Discard hunk 1 of new.txt" })).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "+two" }));
  expect(screen.getByRole("button", { name: "Stage 1 line of hunk 1 of new.txt" })).toBeTruthy();
  expect(screen.queryByRole("button", { name: /^Discard/ })).toBeNull();
});

it("shows a hunk's refusal beside that hunk, keeps the other hunks usable, and drops it once that hunk's next action succeeds", async () => {
  const CHANGED = "The diff of two.txt changed since it was shown; it is shown again as it is now.";
  let isRefusing = true;
  let diffReads = 0;
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (String(url).includes("/git/diff")) {
      diffReads += 1;
      const hunks = [0, 1].map((index) => ({ index, header: `@@ -${index * 20 + 1},1 +${index * 20 + 1},1 @@`, lines: [`@@ -${index * 20 + 1},1 +${index * 20 + 1},1 @@`, "-a", "+b"] }));
      return jsonResponse({ diff: { path: "two.txt", oldPath: null, isStaged: false, isBinary: false, hunks } });
    }
    const body = JSON.parse(String(init?.body)) as { index: number };
    return body.index === 1 && isRefusing ? jsonResponse({ error: { code: "conflict", message: CHANGED } }, 409) : jsonResponse({ ok: true });
  }));
  // The panel's run: one failure at a time, caught (useGitAction).
  const Panel = () => <HunkList sessionId={SESSION} path="two.txt" oldPath={null} isStaged={false} version="1" run={useGitAction().run} />;
  render(<Panel />);
  fireEvent.click(await screen.findByRole("button", { name: "Stage hunk 2 of two.txt" }));
  const second = within(screen.getByRole("list", { name: "Hunks of two.txt" }).children[1] as HTMLElement);
  expect((await second.findByRole("alert")).textContent).toBe(CHANGED);
  // The diff that changed is read again, the refusal staying beside its hunk.
  await waitFor(() => expect(diffReads).toBe(2));
  expect((await second.findByRole("alert")).textContent).toBe(CHANGED);
  const first = within(screen.getByRole("list", { name: "Hunks of two.txt" }).children[0] as HTMLElement);
  expect(first.queryByRole("alert")).toBeNull();
  // Another hunk's action still runs, and its success says nothing about hunk 2's refusal.
  fireEvent.click(first.getByRole("button", { name: "Stage hunk 1 of two.txt" }));
  await waitFor(() => expect(vi.mocked(fetch).mock.calls.length).toBe(4));
  expect((await second.findByRole("alert")).textContent).toBe(CHANGED);
  isRefusing = false;
  fireEvent.click(second.getByRole("button", { name: "Stage hunk 2 of two.txt" }));
  await waitFor(() => expect(second.queryByRole("alert")).toBeNull());
});

it("reads the hunks again after a refused stage, with the git state unmoved: the hunk as the file has it now shows", async () => {
  const REFUSED = "The diff of notes.txt changed since it was shown; it is shown again as it is now.";
  let onDisk = "+first words";
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    if (!String(url).includes("/git/diff")) return jsonResponse({ error: { code: "conflict", message: REFUSED } }, 409);
    const hunks = [{ index: 0, header: "@@ -1,1 +1,1 @@", lines: ["@@ -1,1 +1,1 @@", "-old", onDisk] }];
    return jsonResponse({ diff: { path: "notes.txt", oldPath: null, isStaged: false, isBinary: false, hunks } });
  }));
  render(<HunkList sessionId={SESSION} path="notes.txt" oldPath={null} isStaged={false} version="1" run={(_label, action) => action().catch(() => undefined)} />);
  expect((await screen.findByLabelText("Lines of hunk 1")).textContent).toContain("first words");
  // Edited on disk with the same counts: the version (the git state) does not move.
  onDisk = "+second words";
  fireEvent.click(screen.getByRole("button", { name: "Stage hunk 1 of notes.txt" }));
  await waitFor(() => expect(screen.getByLabelText("Lines of hunk 1").textContent).toContain("second words"));
  expect(screen.getByRole("alert").textContent).toBe(REFUSED);
});

it("offers no Stage, Discard or line picks on a file in conflict, and says how to settle it", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => {
    const header = "@@@ -1,2 -1,2 +1,6 @@@";
    const hunk = { index: 0, header, lines: [header, "  # test", "++<<<<<<< HEAD", " +from the session", "++=======", "+ from main", "++>>>>>>> main"] };
    return jsonResponse({ diff: { path: "README.md", oldPath: null, isStaged: false, isBinary: false, hunks: [hunk] } });
  }));
  render(<HunkList sessionId={SESSION} path="README.md" oldPath={null} isStaged={false} isInConflict version="1" run={(_label, action) => action()} />);
  await screen.findByText("In conflict: these are its conflict markers. Fix them in the editor, then mark the file resolved (above).");
  expect(screen.getByLabelText("Lines of hunk 1").textContent).toContain("++<<<<<<< HEAD");
  expect(screen.queryAllByRole("button")).toEqual([]);
});
