import { useId, useState, type ReactNode } from "react";
import type { Filters } from "./session-table.tsx";

/** How many filters narrow the list now (the sort order narrows nothing; a workspace fixed by the screen is no choice). */
function activeFilters(filters: Filters, isWorkspaceFixed: boolean): number {
  return [filters.status !== "all", filters.priority !== "all", !isWorkspaceFixed && filters.workspaceId !== "all", filters.isArchived].filter(Boolean).length;
}

/**
 * The session list's filters: a row of selects on a wide screen; on a phone folded behind one "Filters (n)" button,
 * as five 44 px selects in a grid took ~280 px before the first session.
 */
export function FilterFields({ filters, isWorkspaceFixed, children }: { filters: Filters; isWorkspaceFixed: boolean; children: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const id = useId();
  const active = activeFilters(filters, isWorkspaceFixed);
  return (
    <>
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={id}
        onClick={() => setIsOpen(!isOpen)}
        className="flex min-h-11 items-center justify-between rounded-lg border border-stone-300 px-3 text-sm font-medium sm:hidden dark:border-stone-700"
      >
        <span>{active > 0 ? `Filters (${active})` : "Filters"}</span>
        <span aria-hidden="true">{isOpen ? "▴" : "▾"}</span>
      </button>
      <div id={id} data-testid="session-filters" className={`${isOpen ? "grid" : "hidden"} grid-cols-2 gap-2 sm:grid sm:grid-cols-5`}>
        {children}
      </div>
    </>
  );
}
