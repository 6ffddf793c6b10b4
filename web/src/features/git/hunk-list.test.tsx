// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { HunkList } from "./hunk-list.tsx";

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
