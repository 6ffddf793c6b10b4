import { useState, type FormEvent } from "react";
import type { ChangeList } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";

/** "2,105": counts in the thousands are read at a glance. */
export const count = (n: number) => n.toLocaleString("en-US");

/** `counted`: the line saying how many are listed, when not the listing's own (null: none, the caller says it). */
type Props = { list: ChangeList; onFilter: (pathFilter: string | null) => void; counted?: string | null };

/**
 * Over the listing's 2,000 files (or while filtering): how many are listed of how many, and a filter by path that asks
 * the server, which holds the rest. Applied on submit: each filter is a diff of the whole scope on the server.
 */
export function ChangesPathFilter({ list, onFilter, counted = listedText(list) }: Props) {
  const [text, setText] = useState(list.pathFilter ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onFilter(text.trim() || null);
  };
  return (
    <div className="flex flex-col gap-1 border-b border-stone-200 p-2 dark:border-stone-800">
      {counted !== null ? <p data-testid="listed-count" className="text-xs text-stone-600 dark:text-stone-400">{counted}</p> : null}
      <form role="search" aria-label="Filter changed files" className="flex gap-1" onSubmit={submit}>
        <input
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-label="Part of a path to list"
          placeholder="Part of a path, e.g. src/api"
          className="min-h-11 min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-2 font-mono text-xs mouse:min-h-8 dark:border-stone-700 dark:bg-stone-900"
        />
        <Button type="submit">Filter</Button>
        {list.pathFilter ? (
          <Button variant="ghost" onClick={() => (setText(""), onFilter(null))}>
            Show all
          </Button>
        ) : null}
      </form>
    </div>
  );
}

/** What the list holds against what there is: honest past the cap, and about a filter. */
export function listedText({ files, totalCount, isTruncated, pathFilter }: ChangeList): string {
  const noun = totalCount === 1 ? "file" : "files";
  const matching = pathFilter ? ` whose path holds “${pathFilter}”` : "";
  if (!isTruncated) return `${count(totalCount)} changed ${noun}${matching}.`;
  return `Listing ${count(files.length)} of ${count(totalCount)} changed ${noun}${matching}: filter by path to find the rest.`;
}
