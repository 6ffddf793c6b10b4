// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_SEARCH_CHARS } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useSearchStore } from "../../stores/search-store.ts";
import { SearchScreen } from "./search-screen.tsx";
import { hasBreakBeforeDot } from "../../lib/dot-join.ts";
import { runTitleTime } from "../../../../shared/run-title.ts";

const HIT = {
  conversationId: "cnv_search000001", messageId: "msg_search000001", sessionId: "ses_search000001", workspaceId: "wsp_search000001",
  conversationTitle: "Fix the parser", jobId: null, conversationCreatedAt: 1, sessionName: "taurus", sessionTitle: null, sessionJobId: null, sessionCreatedAt: 1, role: "assistant", createdAt: 1, snippet: "the \u0002parser\u0003 fails",
};

isolateDomTests();
beforeEach(() => useSearchStore.setState({ query: "", results: null, resultsFor: null, scrollTop: 0 }));

describe("SearchScreen", () => {
  it("says what it searches and how before anything is typed, and with no match which words were not found", async () => {
    vi.stubGlobal("fetch", vi.fn(async (_url: string) => jsonResponse({ results: [] })));
    render(<SearchScreen />);
    const help = screen.getByRole("region", { name: "What search finds" });
    expect(help.textContent).toContain("yours and Claude’s, of every conversation in every workspace");
    expect(help.textContent).toContain("Tool output (commands run, files read), Claude’s thinking and the repository’s files are not searched");

    fireEvent.change(screen.getByRole("searchbox", { name: "Search conversations" }), { target: { value: 'zebra "quokka' } });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("No matches."));
    const why = screen.getByRole("region", { name: "Why nothing was found" });
    expect(why.textContent).toContain("No message has all of the words “zebra” “quokka” (the last one may be the start of a word).");
    expect(why.textContent).toContain("Try fewer words");
  });

  it("names a job run's conversation with its time on the viewer's clock, as its tab and Home do, not the job's", async () => {
    const at = Date.UTC(2026, 11, 7, 0, 33);
    const viewerTime = new Date(at).toLocaleString(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
    const run = { ...HIT, conversationTitle: `Check files · ${runTitleTime(at, "Asia/Tokyo")}`, jobId: "job_search000001", conversationCreatedAt: at };
    vi.stubGlobal("fetch", vi.fn(async (_url: string) => jsonResponse({ results: [run] })));
    render(<SearchScreen />);
    fireEvent.change(screen.getByRole("searchbox", { name: "Search conversations" }), { target: { value: "parser" } });
    const link = await screen.findByRole("link", { name: new RegExp(`Check files · ${viewerTime}`) });
    expect(link.textContent).not.toContain(runTitleTime(at, "Asia/Tokyo"));
  });

  it("names a hit's session by its title, as Home does, not its generated name; once when the conversation has the same title", async () => {
    const ofJob = { ...HIT, messageId: "msg_search000002", sessionTitle: "Job: Nightly checks", conversationTitle: "Check files" };
    const sameTitle = { ...HIT, messageId: "msg_search000003", sessionTitle: "Fix the parser" };
    vi.stubGlobal("fetch", vi.fn(async (_url: string) => jsonResponse({ results: [ofJob, sameTitle, HIT] })));
    render(<SearchScreen />);
    fireEvent.change(screen.getByRole("searchbox", { name: "Search conversations" }), { target: { value: "parser" } });
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(3));
    const [job, same, untitled] = screen.getAllByTestId("search-result").map((hit) => hit.textContent ?? "");
    expect(job).toMatch(/^Job: Nightly checks\u00a0· Check files\u00a0· assistant/);
    expect(job).not.toContain("taurus");
    expect(same).toMatch(/^Fix the parser\u00a0· assistant/);
    expect(untitled).toMatch(/^taurus\u00a0· Fix the parser/);
  });

  it("shows no help beside results", async () => {
    vi.stubGlobal("fetch", vi.fn(async (_url: string) => jsonResponse({ results: [HIT] })));
    render(<SearchScreen />);
    fireEvent.change(screen.getByRole("searchbox", { name: "Search conversations" }), { target: { value: "parser" } });
    await screen.findByRole("link", { name: /Fix the parser/ });
    expect(screen.queryByTestId("search-help")).toBeNull();
  });

  it("finds the query and its results as they were after opening a hit and coming back", async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse({ results: [HIT] }));
    vi.stubGlobal("fetch", fetch);
    render(<SearchScreen />);
    fireEvent.change(screen.getByRole("searchbox", { name: "Search conversations" }), { target: { value: "parser" } });
    const hit = await screen.findByRole("link", { name: /Fix the parser/ });
    // A link to the message (a new tab, a copied link); a plain click opens it here.
    expect(hit.getAttribute("href")).toBe(`#/c/${HIT.conversationId}/m/${HIT.messageId}`);
    expect(fireEvent.click(hit)).toBe(false);
    expect(useNavStore.getState().hash).toBe(`#/c/${HIT.conversationId}/m/${HIT.messageId}`);
    cleanup();

    render(<SearchScreen />);
    expect(screen.getByRole<HTMLInputElement>("searchbox", { name: "Search conversations" }).value).toBe("parser");
    expect(screen.getByRole("link", { name: /Fix the parser/ })).toBeTruthy();
  });

  it("tells two hits of the same text apart by when each message was written", async () => {
    const now = Date.now();
    const older = { ...HIT, messageId: "msg_search000002", createdAt: now - 3 * 3_600_000 };
    vi.stubGlobal("fetch", vi.fn(async (_url: string) => jsonResponse({ results: [{ ...HIT, createdAt: now - 5 * 60_000 }, older] })));
    render(<SearchScreen />);
    fireEvent.change(screen.getByRole("searchbox", { name: "Search conversations" }), { target: { value: "parser" } });
    const hits = await screen.findAllByTestId("search-result");
    expect(hits.map((hit) => hit.querySelector("time")?.textContent)).toEqual(["5 min ago", "3 h ago"]);
    // Each "·" ends the part before it: a wrapped line never starts with one.
    expect(hits.filter((hit) => hasBreakBeforeDot(hit.textContent ?? ""))).toEqual([]);
  });

  it("searches a pasted text longer than a search can be by its start, instead of answering with an error", async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse({ results: [HIT] }));
    vi.stubGlobal("fetch", fetch);
    render(<SearchScreen />);
    fireEvent.change(screen.getByRole("searchbox", { name: "Search conversations" }), { target: { value: `parser ${"x".repeat(300)}` } });
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    const q = new URL(String(fetch.mock.calls.at(-1)?.[0]), "http://localhost").searchParams.get("q") ?? "";
    expect(q.length).toBeLessThanOrEqual(MAX_SEARCH_CHARS);
    expect(q.startsWith("parser x")).toBe(true);
  });

  it("says it is searching until the answer for what is typed now comes, and 'No matches' only of that answer", async () => {
    const answers: Array<(response: Response) => void> = [];
    vi.stubGlobal("fetch", vi.fn(() => new Promise<Response>((resolve) => answers.push(resolve))));
    render(<SearchScreen />);
    const box = screen.getByRole("searchbox", { name: "Search conversations" });
    fireEvent.change(box, { target: { value: "nothing-like-it" } });
    expect(screen.getByRole("status").textContent).toBe("Searching…");
    await waitFor(() => expect(answers).toHaveLength(1));
    answers[0]?.(jsonResponse({ results: [] }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("No matches."));

    fireEvent.change(box, { target: { value: "parser" } });
    expect(screen.getByRole("status").textContent).toBe("Searching…");
    await waitFor(() => expect(answers).toHaveLength(2));
    answers[1]?.(jsonResponse({ results: [HIT] }));
    await screen.findByRole("link", { name: /Fix the parser/ });
    expect(screen.getByRole("status").textContent).toBe("");
  });
});
