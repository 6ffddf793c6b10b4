import { useEffect, useState } from "react";
import type { WorkspaceId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";

/** A repository's branches: local ones, and those only on origin (as last fetched). */
export type BranchChoices = { local: string[]; originOnly: string[]; error: string | null };

const NONE: BranchChoices = { local: [], originOnly: [], error: null };
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
      ({ branches, originOnly }) => setChoices({ local: branches, originOnly, error: null }),
      (error: unknown) => setChoices({ ...NONE, error: `The branches could not be listed (${errorMessage(error)}); the default base is used.` }),
    );
  }, [workspaceId, isWanted, folderState]);
  return choices;
}

/**
 * Which branch a new session starts from: the workspace's default unless the user picks another local branch or one
 * that exists only on origin (the server makes a local branch tracking it).
 */
export function BaseBranchField({ value, defaultBranch, choices, onChange }: { value: string; defaultBranch: string | null; choices: BranchChoices; onChange: (value: string) => void }) {
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
