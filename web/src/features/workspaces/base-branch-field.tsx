import { useEffect, useState } from "react";
import type { WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";

/** A repository's branches: local ones, and those only on origin (as last fetched); `isLoaded` once the list came. */
export type BranchChoices = { local: string[]; originOnly: string[]; error: string | null; isLoaded: boolean };

const NONE: BranchChoices = { local: [], originOnly: [], error: null, isLoaded: false };

/** A repository with no commits yet has no branch at all: no worktree can start from it (the server refuses one). */
export function hasNoBranch(choices: BranchChoices): boolean {
  return choices.isLoaded && choices.error === null && choices.local.length === 0 && choices.originOnly.length === 0;
}
const selectClass = "min-h-11 rounded-lg border border-stone-300 bg-white px-2 font-mono text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * Loads the branches a session can start from or on, while `isWanted`; again when `folderState` changes (the
 * workspace was pointed at its new place, or its folder is back).
 */
export function useBranchChoices(workspaceId: WorkspaceId, isWanted: boolean, folderState = ""): BranchChoices {
  const [choices, setChoices] = useState<BranchChoices>(NONE);
  useEffect(() => {
    if (!isWanted) return;
    workspacesApi.branches(workspaceId).then(
      ({ branches, originOnly }) => setChoices({ local: branches, originOnly, error: null, isLoaded: true }),
      (error: unknown) => setChoices({ ...NONE, isLoaded: true, error: `The branches could not be listed (${errorMessage(error)}); the default base is used.` }),
    );
  }, [workspaceId, isWanted, folderState]);
  return choices;
}

/**
 * Which branch a new session starts from: the workspace's default unless the user picks another local branch or one
 * that exists only on origin (the server makes a local branch tracking it). A repository with no commits has none to
 * offer (its "default" names a branch not yet born): it says so, and offers the folder itself.
 */
export function BaseBranchField({ value, defaultBranch, choices, onChange, onUseFolder }: { value: string; defaultBranch: string | null; choices: BranchChoices; onChange: (value: string) => void; onUseFolder: () => void }) {
  if (hasNoBranch(choices)) return <NoCommitsNote onUseFolder={onUseFolder} />;
  const local = choices.local.filter((b) => b !== defaultBranch);
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">Base branch</span>
      <select aria-label="Base branch" value={value} onChange={(e) => onChange(e.target.value)} className={selectClass}>
        <option value="">{defaultBranch ? `${defaultBranch} (default)` : "the repository's default"}</option>
        {local.length > 0 ? (
          <optgroup label="Local branches">
            {local.map((b) => (
              <option key={b} value={b}>{b}</option>
            ))}
          </optgroup>
        ) : null}
        {choices.originOnly.length > 0 ? (
          <optgroup label="Only on origin">
            {choices.originOnly.map((b) => (
              <option key={`origin/${b}`} value={b}>{`origin/${b}`}</option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {choices.error ? <span className="text-xs text-amber-700 dark:text-amber-400">{choices.error}</span> : null}
    </label>
  );
}

function NoCommitsNote({ onUseFolder }: { onUseFolder: () => void }) {
  return (
    <div role="note" aria-label="No commits yet" className="flex flex-col items-start gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 sm:col-span-2 dark:bg-amber-950 dark:text-amber-200">
      <p>
        This repository has no commits yet, so there is no branch a worktree could start from. Make a first commit (
        <code className="whitespace-nowrap font-mono">git commit --allow-empty -m Start</code> will do), or start the session in the folder itself.
      </p>
      <Button onClick={onUseFolder}>Use the folder itself</Button>
    </div>
  );
}
