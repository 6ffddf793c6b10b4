import { create } from "zustand";
import type { SearchResult } from "../lib/workspaces-api.ts";

/**
 * The search screen's query, its last results and where the list was scrolled, kept while the app is open: opening a
 * hit and coming back (the phone's back button) finds the search as it was left.
 */
interface SearchState {
  query: string;
  /** The last answer's results, or null before the first. */
  results: SearchResult[] | null;
  /** The text the results answer (the query as searched), so a newer query shows as being searched. */
  resultsFor: string | null;
  scrollTop: number;
  setQuery: (query: string) => void;
  setResults: (results: SearchResult[], resultsFor: string) => void;
  setScrollTop: (scrollTop: number) => void;
}

export const useSearchStore = create<SearchState>()((set) => ({
  query: "",
  results: null,
  resultsFor: null,
  scrollTop: 0,
  setQuery: (query) => set({ query }),
  setResults: (results, resultsFor) => set({ results, resultsFor }),
  setScrollTop: (scrollTop) => set({ scrollTop }),
}));
