import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { MAX_SEARCH_CHARS } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { age } from "../../lib/age.ts";
import { DOT, dotJoin } from "../../lib/dot-join.ts";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useSearchStore } from "../../stores/search-store.ts";
import { TopBar } from "../shell/top-bar.tsx";
import { SearchHelp } from "./search-help.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { dateAndTime } from "../../lib/when.ts";
import { conversationTitle, sessionTitle } from "../../lib/shown-title.ts";
import type { SearchResult } from "../../lib/workspaces-api.ts";

/** Marks the server puts around matched terms in a snippet. */
const START = "\u0002";
const END = "\u0003";

/**
 * Full-text search across every conversation; a result opens the conversation at that message, and coming back finds
 * the query, its results and the scroll position as they were.
 */
export function SearchScreen() {
  const { query, results, resultsFor, setQuery, setResults } = useSearchStore(
    useShallow((s) => ({ query: s.query, results: s.results, resultsFor: s.resultsFor, setQuery: s.setQuery, setResults: s.setResults })),
  );
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (list.current) list.current.scrollTop = useSearchStore.getState().scrollTop;
  }, []);
  useEffect(() => {
    const q = searchText(query);
    if (!q) return;
    let isCancelled = false;
    const timer = setTimeout(() => {
      workspacesApi.search(q).then(
        (r) => !isCancelled && (setResults(r.results, q), setError(null)),
        (e: unknown) => !isCancelled && setError(errorMessage(e)),
      );
    }, 200);
    return () => {
      isCancelled = true;
      clearTimeout(timer);
    };
  }, [query, setResults]);
  const shown = query.trim() ? results : null;
  // Until the answer for what is typed now comes, the list is an older query's: say so, and say "No matches" only of this one.
  const isSearching = searchText(query) !== "" && resultsFor !== searchText(query) && error === null;
  return (
    <>
      <TopBar title="Search" />
      <main
        ref={list}
        onScroll={(e) => useSearchStore.getState().setScrollTop(e.currentTarget.scrollTop)}
        className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]"
      >
        <div className="mx-auto flex max-w-3xl flex-col gap-3 p-4">
          <input
            type="search"
            aria-label="Search conversations"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search every conversation…"
            autoFocus
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900"
          />
          <ErrorText message={query.trim() ? error : null} />
          <p role="status" className="text-sm text-stone-500 empty:hidden">
            {isSearching ? "Searching…" : shown && shown.length === 0 ? "No matches." : ""}
          </p>
          <ul className="flex flex-col gap-2">
            {shown?.map((r) => (
              <li key={`${r.messageId}-${r.snippet}`}>
                <ScreenLink
                  route={{ view: "conversation", id: r.conversationId, messageId: r.messageId }}
                  data-testid="search-result"
                  className="block w-full rounded-xl border border-stone-200 bg-white p-3 text-left hover:bg-stone-50 dark:border-stone-800 dark:bg-stone-900 dark:hover:bg-stone-800"
                >
                  <span className="block truncate text-xs text-stone-500">
                    {dotJoin([sessionLabel(r), conversationTitle({ title: r.conversationTitle, jobId: r.jobId, createdAt: r.conversationCreatedAt }), r.role])}
                    {DOT}
                    {/* Two hits of one text (a job's runs ask alike) are told apart by when they were written. */}
                    <time dateTime={new Date(r.createdAt).toISOString()} title={dateAndTime(r.createdAt)}>
                      {age(r.createdAt)}
                    </time>
                  </span>
                  <Snippet text={r.snippet} />
                </ScreenLink>
              </li>
            ))}
          </ul>
          {!searchText(query) || (!isSearching && error === null && shown?.length === 0) ? <SearchHelp words={wordsOf(query)} /> : null}
        </div>
      </main>
    </>
  );
}

/**
 * What names a hit's session: its title, as Home and All sessions name it (its generated name, "riga", meant nothing
 * there); nothing when the conversation has the same title (both are written from the first prompt), so the line does
 * not say it twice; its name while it has no title yet, as the list says.
 */
function sessionLabel(hit: SearchResult): string | null {
  if (!hit.sessionTitle) return hit.sessionName;
  if (hit.sessionTitle === hit.conversationTitle) return null;
  return sessionTitle({ title: hit.sessionTitle, name: hit.sessionName, jobId: hit.sessionJobId, createdAt: hit.sessionCreatedAt });
}

/** What is searched: the query's start when it is longer than a search can be (a pasted log line). */
function searchText(query: string): string {
  return query.trim().slice(0, MAX_SEARCH_CHARS).trim();
}

/** The words searched for, as the server reads them (quotes are no operators: they are dropped). */
function wordsOf(query: string): string[] {
  return searchText(query).split(/\s+/).map((word) => word.replaceAll('"', "")).filter(Boolean);
}

function Snippet({ text }: { text: string }) {
  const pieces = text.split(START).flatMap((chunk, i) => {
    if (i === 0) return [{ text: chunk, isMatch: false }];
    const [match = "", rest = ""] = chunk.split(END);
    return [{ text: match, isMatch: true }, { text: rest, isMatch: false }];
  });
  // A long link or path in a hit breaks anywhere: unbroken, it ran past the result's card and the phone's screen.
  return (
    <span className="mt-1 block text-sm [overflow-wrap:anywhere]">
      {pieces.map((p, i) => (p.isMatch ? <mark key={i} className="rounded bg-amber-200 px-0.5 dark:bg-amber-700">{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
