import { useId, useState, type FormEvent } from "react";
import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { DirBrowser } from "../start/dir-browser.tsx";
import { useDirListing } from "../start/use-dir-listing.ts";

/** Adds a git repository as a workspace: type its path or browse the server's folders (works from a phone). */
export function AddWorkspaceForm() {
  const [path, setPath] = useState("");
  const [isBrowsing, setIsBrowsing] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [known, setKnown] = useState<KnownWorkspace | null>(null);
  const dirs = useDirListing();
  const errorId = useId();
  // A refusal is about the path it was given: once another is typed or picked it no longer applies.
  const changePath = (next: string) => {
    setPath(next);
    setError(null);
    setKnown(null);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setIsBusy(true);
    setError(null);
    setKnown(null);
    try {
      const { workspace } = await workspacesApi.addWorkspace(path.trim());
      useConversationsStore.getState().addIfMissing({ kind: "workspace", workspace });
      setPath("");
      useNavStore.getState().go({ view: "workspace", id: workspace.id });
    } catch (err) {
      setError(errorMessage(err));
      setKnown(workspaceThatHasIt(err));
    } finally {
      setIsBusy(false);
    }
  };
  // Browsing starts where the typed path points (a parent of the repository, or the wrong folder to correct).
  const toggleBrowsing = () => {
    const typed = path.trim();
    if (!isBrowsing && /^[/~]/.test(typed) && typed !== dirs.listing?.path) dirs.open(typed);
    setIsBrowsing(!isBrowsing);
  };
  return (
    <section aria-label="Add a repository" className="flex flex-col gap-3 rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <h2 className="text-sm font-semibold">Add a repository</h2>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        A git repository on the machine running ChatML. Each session gets its own worktree and branch, so Claude&apos;s
        work stays apart from yours until you review, commit and ship it.
      </p>
      <form onSubmit={(e) => void onSubmit(e)} className="flex flex-wrap items-end gap-2">
        <input
          aria-label="Repository path"
          value={path}
          onChange={(e) => changePath(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          placeholder="/home/me/project"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          className="min-h-11 min-w-0 flex-1 basis-60 rounded-lg border border-stone-300 bg-white px-3 font-mono text-sm dark:border-stone-700 dark:bg-stone-900"
        />
        <Button onClick={toggleBrowsing}>{isBrowsing ? "Hide folders" : "Browse"}</Button>
        <Button type="submit" variant="primary" disabled={isBusy || !path.trim()}>
          {isBusy ? <Spinner /> : null}
          Add repository
        </Button>
      </form>
      <ErrorText message={error} id={errorId} />
      {known ? (
        <ScreenLink route={{ view: "workspace", id: known.id }} className={buttonLook("secondary", "self-start")}>
          Open {known.name}
        </ScreenLink>
      ) : null}
      {isBrowsing ? (
        <DirBrowser
          listing={dirs.listing}
          error={dirs.errorFor(path.trim())}
          isLoading={dirs.isLoading}
          onOpen={(p) => {
            changePath(p);
            dirs.open(p);
          }}
        />
      ) : null}
    </section>
  );
}

type KnownWorkspace = { id: string; name: string };

/** The workspace a refused add names as having the folder already (a `conflict` with its id), or null. */
function workspaceThatHasIt(error: unknown): KnownWorkspace | null {
  if (!(error instanceof ApiError) || error.code !== "conflict") return null;
  const details = error.details as { workspaceId?: unknown; workspaceName?: unknown } | undefined;
  if (typeof details?.workspaceId !== "string" || typeof details.workspaceName !== "string") return null;
  return { id: details.workspaceId, name: details.workspaceName };
}
