import { Button } from "./button.tsx";
import { hasNoBranch, type BranchChoices } from "../lib/use-branch-choices.ts";

const selectClass = "min-h-11 rounded-lg border border-stone-300 bg-white px-2 font-mono text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * Which branch a new session (or each run of a job) starts from: the workspace's default unless the user picks another
 * local branch or one that exists only on origin (the server makes a local branch tracking it). A repository with no
 * commits has none to offer (its "default" names a branch not yet born): it says so, and offers the folder itself when
 * `onUseFolder` is given. A saved base no longer listed (deleted since) stays picked and says so, not the default.
 */
export function BaseBranchField({ value, defaultBranch, choices, onChange, onUseFolder }: { value: string; defaultBranch: string | null; choices: BranchChoices; onChange: (value: string) => void; onUseFolder?: () => void }) {
  if (hasNoBranch(choices)) return <NoCommitsNote onUseFolder={onUseFolder} />;
  const local = choices.local.filter((b) => b !== defaultBranch);
  // Listed as itself until the branches come (the default stood in for it meanwhile), then as not found if it is not.
  const isUnlisted = value !== "" && value !== defaultBranch && !choices.local.includes(value) && !choices.originOnly.includes(value);
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">Base branch</span>
      <select aria-label="Base branch" value={value} onChange={(e) => onChange(e.target.value)} className={selectClass}>
        <option value="">{defaultBranch ? `${defaultBranch} (default)` : "the repository's default"}</option>
        {isUnlisted ? <option value={value}>{choices.isLoaded ? `${value} (not found)` : value}</option> : null}
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

function NoCommitsNote({ onUseFolder }: { onUseFolder: (() => void) | undefined }) {
  return (
    <div role="note" aria-label="No commits yet" className="flex flex-col items-start gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 sm:col-span-2 dark:bg-amber-950 dark:text-amber-200">
      <p>
        This repository has no commits yet, so there is no branch a worktree could start from. Make a first commit (
        <code className="whitespace-nowrap font-mono">git commit --allow-empty -m Start</code> will do){onUseFolder ? ", or start the session in the folder itself" : ""}.
      </p>
      {onUseFolder ? <Button onClick={onUseFolder}>Use the folder itself</Button> : null}
    </div>
  );
}
