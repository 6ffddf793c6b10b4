// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { DiffDoc, SessionDiffDoc } from "./diff-doc.tsx";

isolateDomTests();

/** A binary file: listed with its name, without a diff to fetch. */
const binary = (path: string) => ({ path, oldPath: null, isBinary: true, isTooLarge: false, additions: null, deletions: null });

/** Serves a session's changes (these files) and its review comments (none). */
function serve(files: unknown[]) {
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
    String(input instanceof Request ? input.url : input).includes("/changes")
      ? jsonResponse({ changes: { scope: "base", from: "main", note: null, files, isTruncated: false, totalCount: files.length, pathFilter: null, offset: 0 } })
      : jsonResponse({ comments: [] })));
}

/** Serves a session's changes a page of `size` at a time, as the server pages them (from the query's offset). */
function servePaged(files: unknown[], size: number) {
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input), "http://localhost");
    if (!url.pathname.endsWith("/changes")) return jsonResponse({ comments: [] });
    const offset = Number(url.searchParams.get("offset") ?? "0");
    const page = files.slice(offset, offset + size);
    return jsonResponse({ changes: { scope: "base", from: "main", note: null, files: page, isTruncated: offset + page.length < files.length, totalCount: files.length, pathFilter: null, offset } });
  }));
}

describe("the whole session's diff", () => {
  it("counts one changed file in the singular, and more in the plural", async () => {
    serve([binary("logo.png")]);
    const { unmount } = render(<SessionDiffDoc sessionId={"ses_diff0001" as SessionId} scope="base" />);
    expect(await screen.findByText("1 changed file")).toBeTruthy();
    unmount();
    serve([binary("a.png"), binary("b.png")]);
    render(<SessionDiffDoc sessionId={"ses_diff0001" as SessionId} scope="base" />);
    expect(await screen.findByText("2 changed files")).toBeTruthy();
  });

  it("loads the pages past the first as its end comes near, until every file is there", async () => {
    servePaged(["a.png", "b.png", "c.png", "d.png", "e.png"].map(binary), 2);
    render(<SessionDiffDoc sessionId={"ses_diff0001" as SessionId} scope="base" />);
    // Without IntersectionObserver (jsdom) every end is near at once: each page loads the next.
    expect(await screen.findByText("5 changed files")).toBeTruthy();
    for (const path of ["a.png", "c.png", "e.png"]) expect(screen.getByRole("region", { name: path })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Load the next/ })).toBeNull();
  });
});

describe("one file's diff", () => {
  it("does not invite comments on line numbers a binary file has none of", async () => {
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).includes("/changes/file")
        ? jsonResponse({ sides: { path: "logo.png", oldPath: null, before: null, after: null, isBinary: true, isTooLarge: false } })
        : jsonResponse({ comments: [] })));
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="logo.png" oldPath={null} scope="base" />);
    expect(await screen.findByText("Binary file; no text diff.")).toBeTruthy();
    expect(screen.queryByText(/Click a line number to comment/)).toBeNull();
  });
});

describe("an empty file's diff", () => {
  it("says a new empty file is one (it said 'No differences.'), with no layout to pick or lines to comment on", async () => {
    const serveSides = (sides: Record<string, unknown>) =>
      vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
        String(input instanceof Request ? input.url : input).includes("/changes/file")
          ? jsonResponse({ sides: { path: "empty.txt", oldPath: null, before: null, after: "", isBinary: false, isTooLarge: false, isDeleted: false, images: null, ...sides } })
          : jsonResponse({ comments: [] })));
    serveSides({});
    const { unmount } = render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="empty.txt" oldPath={null} scope="base" />);
    expect(await screen.findByText("A new, empty file.")).toBeTruthy();
    expect(screen.queryByText("No differences.")).toBeNull();
    expect(screen.queryByRole("radiogroup", { name: "Diff layout" })).toBeNull();
    expect(screen.queryByText(/Click a line number to comment/)).toBeNull();
    unmount();
    serveSides({ before: "", after: null, isDeleted: true });
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="empty.txt" oldPath={null} scope="base" />);
    expect(await screen.findByText("An empty file, deleted.")).toBeTruthy();
  });
});

describe("a renamed file's diff", () => {
  const serveSides = (sides: Record<string, unknown>) =>
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).includes("/changes/file")
        ? jsonResponse({ sides: { path: "new-name.txt", oldPath: "old-name.txt", isBinary: false, isTooLarge: false, isDeleted: false, images: null, ...sides } })
        : jsonResponse({ comments: [] })));

  it("says a file moved without a line changed (its diff was only a fold of unchanged lines), and not when lines changed", async () => {
    serveSides({ before: "a\nb\nc\n", after: "a\nb\nc\n" });
    const { unmount } = render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="new-name.txt" oldPath="old-name.txt" scope="uncommitted" />);
    expect(await screen.findByText("Renamed from old-name.txt; no line changed.")).toBeTruthy();
    unmount();
    serveSides({ before: "a\nb\nc\n", after: "a\nB\nc\n" });
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="new-name.txt" oldPath="old-name.txt" scope="uncommitted" />);
    expect(await screen.findByRole("radiogroup", { name: "Diff layout" })).toBeTruthy();
    expect(screen.queryByText(/no line changed/)).toBeNull();
  });
});

describe("a file that is not UTF-8", () => {
  const serveSides = (sides: Record<string, unknown>) =>
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).includes("/changes/file")
        ? jsonResponse({ sides: { path: "menu.txt", oldPath: null, isBinary: false, isTooLarge: false, isDeleted: false, images: null, ...sides } })
        : jsonResponse({ comments: [] })));

  it("says above the diff when a file was read as Windows-1252, and not for a UTF-8 file", async () => {
    serveSides({ before: "café\n", after: "café crème\n", encoding: "windows-1252" });
    const { unmount } = render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="menu.txt" oldPath={null} scope="uncommitted" />);
    expect(await screen.findByText("Shown as Windows-1252: this file is not UTF-8.")).toBeTruthy();
    unmount();
    serveSides({ before: "café\n", after: "café crème\n" });
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="menu.txt" oldPath={null} scope="uncommitted" />);
    expect(await screen.findByRole("radiogroup", { name: "Diff layout" })).toBeTruthy();
    expect(screen.queryByText(/Windows-1252/)).toBeNull();
  });
});

describe("one binary file's diff", () => {
  const serveSides = (sides: Record<string, unknown>) =>
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).includes("/changes/file")
        ? jsonResponse({ sides: { oldPath: null, before: null, after: null, isBinary: true, isTooLarge: false, isDeleted: false, images: null, ...sides } })
        : jsonResponse({ comments: [] })));
  const query = (url: string | null) => Object.fromEntries(new URL(url ?? "", "http://x").searchParams);

  it("offers a deleted file as it was before, from git, not a download of a file the disk no longer has", async () => {
    serveSides({ path: "data.bin", isDeleted: true });
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="data.bin" oldPath={null} scope="base" />);
    const link = await screen.findByRole("link", { name: "Download data.bin as it was before it was deleted" });
    expect(link.getAttribute("href")).toMatch(/^\/api\/sessions\/ses_diff0001\/changes\/side\?/);
    expect(query(link.getAttribute("href"))).toEqual({ scope: "base", path: "data.bin", side: "old", download: "1" });
  });

  it("says both sizes of an edited binary file, and offers it as it was before and as it is now", async () => {
    serveSides({ path: "data.bin", sizes: { before: 4, after: 2052 } });
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="data.bin" oldPath={null} scope="uncommitted" />);
    expect((await screen.findByTestId("side-sizes")).textContent).toBe("Before: 4 bytes\u00a0· After: 2.0 KB (2.0 KB larger)");
    const before = screen.getByRole("link", { name: "Download data.bin as it was before the change" });
    expect(query(before.getAttribute("href"))).toEqual({ scope: "uncommitted", path: "data.bin", side: "old", download: "1" });
    expect(screen.getByRole("link", { name: "Download data.bin as it is on disk" })).toBeTruthy();
  });

  it("shows an edited image before and after, each from its side, and an added one alone", async () => {
    const png = (size: number) => ({ mediaType: "image/png", size });
    serveSides({ path: "logo.png", images: { before: png(100), after: png(2048) } });
    const { unmount } = render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="logo.png" oldPath={null} scope="base" />);
    const before = await screen.findByRole("img", { name: "logo.png as it was before the change" });
    const after = screen.getByRole("img", { name: "logo.png as it is after the change" });
    expect(query(before.getAttribute("src"))).toMatchObject({ path: "logo.png", side: "old", download: "0" });
    expect(query(after.getAttribute("src"))).toMatchObject({ path: "logo.png", side: "new", download: "0" });
    expect(screen.getByText("2.0 KB")).toBeTruthy();
    expect(screen.queryByText("Binary file; no text diff.")).toBeNull();
    unmount();
    serveSides({ path: "new.png", images: { before: null, after: png(10) } });
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="new.png" oldPath={null} scope="base" />);
    expect(await screen.findByRole("img", { name: "new.png as it is after the change" })).toBeTruthy();
    expect(screen.getByText("Added")).toBeTruthy();
    expect(screen.queryByRole("img", { name: /before the change/ })).toBeNull();
  });
});

describe("a deleted file's diff", () => {
  it("offers Restore, which asks the server to put the file back in the diff's scope, and says why when it cannot", async () => {
    const posted: { url: string; body: unknown }[] = [];
    let answer = jsonResponse({ ok: true });
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), "http://x"), init);
      if (request.url.includes("/changes/restore")) return (posted.push({ url: request.url, body: await request.json() }), answer);
      return request.url.includes("/changes/file")
        ? jsonResponse({ sides: { path: "notes.txt", oldPath: null, before: "keep me\n", after: null, isBinary: false, isTooLarge: false, isDeleted: true, images: null } })
        : jsonResponse({ comments: [] });
    }));
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="notes.txt" oldPath={null} scope="uncommitted" />);
    const restore = await screen.findByRole("button", { name: "Restore notes.txt as it was before it was deleted" });
    fireEvent.click(restore);
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]?.url).toMatch(/\/api\/sessions\/ses_diff0001\/changes\/restore$/);
    expect(posted[0]?.body).toEqual({ scope: "uncommitted", path: "notes.txt" });
    answer = jsonResponse({ error: { code: "conflict", message: "notes.txt exists in the session again, so nothing was restored over it." } }, 409);
    fireEvent.click(await screen.findByRole("button", { name: "Restore notes.txt as it was before it was deleted" }));
    expect(await screen.findByText("notes.txt exists in the session again, so nothing was restored over it.")).toBeTruthy();
  });

  it("offers no Restore for a file that was not deleted", async () => {
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).includes("/changes/file")
        ? jsonResponse({ sides: { path: "a.txt", oldPath: null, before: "a\n", after: "b\n", isBinary: false, isTooLarge: false, isDeleted: false, images: null } })
        : jsonResponse({ comments: [] })));
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="a.txt" oldPath={null} scope="uncommitted" />);
    await screen.findByRole("radiogroup", { name: "Diff layout" });
    expect(screen.queryByRole("button", { name: /^Restore/ })).toBeNull();
  });
});

describe("the diff's layout toggle (unified or split)", () => {
  const layout = () => screen.queryByRole("radiogroup", { name: "Diff layout" });
  const serveSides = (sides: Record<string, unknown>) =>
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).includes("/changes/file")
        ? jsonResponse({ sides: { oldPath: null, before: null, after: null, isBinary: false, isTooLarge: false, isDeleted: false, images: null, ...sides } })
        : jsonResponse({ comments: [] })));

  it("is not offered for an image, which has no lines to lay out, and is for a text file", async () => {
    serveSides({ path: "logo.png", isBinary: true, images: { before: { mediaType: "image/png", size: 80 }, after: { mediaType: "image/png", size: 78 } } });
    const { unmount } = render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="logo.png" oldPath={null} scope="base" />);
    await screen.findByRole("img", { name: "logo.png as it is after the change" });
    expect(layout()).toBeNull();
    unmount();
    serveSides({ path: "a.txt", before: "one\n", after: "two\n" });
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="a.txt" oldPath={null} scope="base" />);
    expect(await screen.findByRole("radiogroup", { name: "Diff layout" })).toBeTruthy();
  });

  it("is not offered for a session's diff of binary files only, and is once a text file is among them", async () => {
    serve([binary("logo.png")]);
    const { unmount } = render(<SessionDiffDoc sessionId={"ses_diff0001" as SessionId} scope="base" />);
    await screen.findByText("1 changed file");
    expect(layout()).toBeNull();
    unmount();
    serve([binary("logo.png"), { ...binary("a.txt"), isBinary: false, additions: 1, deletions: 1 }]);
    render(<SessionDiffDoc sessionId={"ses_diff0001" as SessionId} scope="base" />);
    await screen.findByText("2 changed files");
    expect(layout()).not.toBeNull();
  });
});
