import { create } from "zustand";
import type { SearchResult } from "../lib/workspaces-api.ts";

/**
 * The search screen's query, its last results and where the list was scrolled, kept while the app is open: opening a
 * hit and coming back (the phone's back button) finds the search as it was left.
 */
interface SearchState {
  query: string;
  /** The results of `resultsFor`, or null before the first answer. */
  results: SearchResult[] | null;
  resultsFor: string;
  scrollTop: number;
  setQuery: (query: string) => void;
  setResults: (query: string, results: SearchResult[]) => void;
  setScrollTop: (scrollTop: number) => void;
}

export const useSearchStore = create<SearchState>()((set) => ({
  query: "",
  results: null,
  resultsFor: "",
  scrollTop: 0,
  setQuery: (query) => set({ query }),
  setResults: (resultsFor, results) => set({ resultsFor, results }),
  setScrollTop: (scrollTop) => set({ scrollTop }),
}));
