import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { FolderIcon, UpIcon } from "../../components/icons.tsx";
import { Spinner } from "../../components/spinner.tsx";
import type { DirListing } from "../../lib/api.ts";
import { plural } from "../../../../shared/plural.ts";

interface DirBrowserProps {
  listing: DirListing | null;
  error: string | null;
  isLoading: boolean;
  onOpen: (path: string) => void;
}

/** The server's folders at one level: tap to go in, "Parent folder" to go up. */
export function DirBrowser({ listing, error, isLoading, onOpen }: DirBrowserProps) {
  return (
    <section aria-label="Folders on the server" className="rounded-xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
      <div className="flex items-center gap-2 border-b border-stone-200 p-1.5 dark:border-stone-800">
        <Button
          variant="ghost"
          aria-label="Parent folder"
          disabled={!listing?.parent}
          onClick={() => listing?.parent && onOpen(listing.parent)}
        >
          <UpIcon />
        </Button>
        <span className="min-w-0 flex-1 truncate text-left font-mono text-xs text-stone-600 dark:text-stone-400" dir="rtl">
          <bdi dir="ltr">{listing?.path ?? "…"}</bdi>
        </span>
        {isLoading ? <Spinner label="Loading folders" className="mr-2 text-stone-400" /> : null}
      </div>
      <ErrorText message={error} className="p-3" />
      <ul className="max-h-[45dvh] overflow-y-auto p-1">
        {listing?.entries.map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              onClick={() => onOpen(entry.path)}
              className="flex min-h-11 w-full items-center gap-2.5 rounded-lg px-3 text-left text-sm hover:bg-stone-100 dark:hover:bg-stone-800"
            >
              <FolderIcon className="shrink-0 text-stone-400" />
              <span className="min-w-0 flex-1 truncate">{entry.name}</span>
              {entry.isGitRepo ? (
                <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-[11px] font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
                  git
                </span>
              ) : null}
            </button>
          </li>
        ))}
        {listing && listing.entries.length === 0 ? (
          <li className="p-3 text-sm text-stone-500">No sub-folders here.</li>
        ) : null}
        {/* Only the first folders are listed: one looked for among those left out is reached by its path. */}
        {listing && listing.omitted > 0 ? (
          <li className="p-3 text-sm text-stone-500">
            {plural(listing.omitted, "more folder")} not listed here: type the path to go on.
          </li>
        ) : null}
      </ul>
    </section>
  );
}
