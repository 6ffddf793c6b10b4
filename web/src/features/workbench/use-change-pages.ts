import { useCallback, useEffect, useRef, useState } from "react";
import type { ChangedFile, ChangeList, ChangeScope, SessionId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";

/** A scope's changed files as far as they are loaded, page by page (2,000 a page, as the server lists them). */
export type ChangePages = {
  /** The first page's answer (counts, note, filter), or null until it is in. */
  first: ChangeList | null;
  /** Every file of the pages loaded, in order, each once. */
  files: ChangedFile[];
  /** How many files match in all: more than `files` while pages are left. */
  totalCount: number;
  hasMore: boolean;
  isLoadingMore: boolean;
  error: string | null;
  loadMore: () => void;
};

/**
 * The whole review's listing: the first page, then the next one each time `loadMore` is called (the review calls it as
 * its end scrolls near). With the session's git state, the scope or the filter changed, the pages loaded are read
 * again (as many as were loaded: a reviewer far down keeps their place).
 */
export function useChangePages(sessionId: SessionId, scope: ChangeScope, pathFilter: string | null): ChangePages {
  const [pages, setPages] = useState<ChangeList[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isLoadingMore, setLoadingMore] = useState(false);
  const checkedAt = useConversationsStore((s) => s.sessions[sessionId]?.git?.checkedAt ?? 0);
  const loaded = useRef({ pageCount: 0, key: "" });
  const key = `${sessionId}:${scope}:${pathFilter ?? ""}`;
  useEffect(() => {
    loaded.current.pageCount = pages.length;
  }, [pages]);

  useEffect(() => {
    let isCurrent = true;
    // The same listing read again keeps its pages; another scope or filter starts from its first.
    const wanted = loaded.current.key === key ? Math.max(1, loaded.current.pageCount) : 1;
    loaded.current.key = key;
    readPages(sessionId, scope, pathFilter, wanted).then(
      (read) => isCurrent && (setPages(read), setError(null)),
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, scope, pathFilter, key, checkedAt]);

  const last = pages.at(-1) ?? null;
  const loadMore = useCallback(() => {
    if (!last?.isTruncated || isLoadingMore) return;
    setLoadingMore(true);
    workbenchApi.changes(sessionId, scope, { pathFilter, offset: last.offset + last.files.length }).then(
      (r) => (setLoadingMore(false), setPages((current) => (current.at(-1) === last ? [...current, r.changes] : current))),
      (e: unknown) => (setLoadingMore(false), setError(errorMessage(e))),
    );
  }, [sessionId, scope, pathFilter, last, isLoadingMore]);

  return { first: pages[0] ?? null, files: uniqueFiles(pages), totalCount: last?.totalCount ?? 0, hasMore: last?.isTruncated ?? false, isLoadingMore, error, loadMore };
}

/** The first `count` pages of the listing, fewer when it ends before. */
async function readPages(sessionId: SessionId, scope: ChangeScope, pathFilter: string | null, count: number): Promise<ChangeList[]> {
  const pages: ChangeList[] = [];
  let offset = 0;
  while (pages.length < count) {
    const page = (await workbenchApi.changes(sessionId, scope, { pathFilter, offset })).changes;
    pages.push(page);
    if (!page.isTruncated) break;
    offset = page.offset + page.files.length;
  }
  return pages;
}

/** The pages' files in order, each path once: a file added between two pages' reads would move one into the next. */
function uniqueFiles(pages: ChangeList[]): ChangedFile[] {
  const seen = new Set<string>();
  return pages.flatMap((page) => page.files).filter((file) => !seen.has(file.path) && (seen.add(file.path), true));
}
