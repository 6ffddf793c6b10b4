import { useState, type FormEvent } from "react";
import { sessionNameFrom, type SessionKind, type SessionPriority, type Workspace, type WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { openStartedSession } from "../sessions/open-started-session.ts";
import { PRIORITY_LABELS } from "../sessions/session-labels.tsx";
import { SelectField } from "../sessions/select-field.tsx";
import { BaseBranchField } from "../../components/base-branch-field.tsx";
import { hasNoBranch, useBranchChoices } from "../../lib/use-branch-choices.ts";

const KIND_LABELS: Record<SessionKind, string> = { worktree: "New branch (worktree)", branch: "Existing branch (worktree)", folder: "The folder itself" };
const inputClass = "min-h-11 rounded-lg border border-stone-300 bg-white px-3 font-mono text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * Creates a session: a worktree on a new branch (name from the pool unless typed), on an existing branch, or in the
 * folder; then opens its first conversation, ready to type in while the worktree is set up.
 */
export function NewSessionForm({ workspace }: { workspace: Workspace }) {
  const [kind, setKind] = useState<SessionKind>(workspace.isGitRepo ? "worktree" : "folder");
  const [name, setName] = useState("");
  const [branch, setBranch] = useState("");
  const [baseBranch, setBaseBranch] = useState("");
  const [priority, setPriority] = useState<SessionPriority>("medium");
  const [isBusy, setIsBusy] = useState(false);
  // An error is about the folder the workspace had then: once it is pointed at its new place, it is old news.
  const [failure, setFailure] = useState<{ error: string; path: string } | null>(null);
  const error = failure?.path === workspace.path ? failure.error : null;
  const setError = (message: string | null) => setFailure(message === null ? null : { error: message, path: workspace.path });
  const branches = useBranchChoices(workspace.id as WorkspaceId, kind !== "folder", `${workspace.path}\n${workspace.problem ?? ""}`);
  // A name is a folder (and branch) name, so free text like "Fix login" is sent as the name it becomes, shown first.
  const typedName = name.trim();
  const sessionName = typedName ? sessionNameFrom(typedName) : "";
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      const isGit = kind !== "folder";
      const input = {
        workspaceId: workspace.id as WorkspaceId,
        kind,
        priority,
        ...(sessionName ? { name: sessionName, title: typedName } : {}),
        ...(branch.trim() && isGit ? { branch: branch.trim() } : {}),
        ...(baseBranch && isGit ? { baseBranch } : {}),
      };
      const started = await workspacesApi.createSession(input);
      setName("");
      setBranch("");
      setBaseBranch("");
      openStartedSession(started);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setIsBusy(false);
    }
  };
  const kinds = workspace.isGitRepo ? KIND_LABELS : { folder: KIND_LABELS.folder };
  return (
    <section aria-label="New session" className="rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <h2 className="pb-3 text-sm font-semibold">New session</h2>
      <form onSubmit={(e) => void onSubmit(e)} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField label="Where" value={kind} options={kinds as Record<SessionKind, string>} onChange={setKind} />
        <SelectField label="Priority" value={priority} options={PRIORITY_LABELS} onChange={setPriority} />
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Session name</span>
          <input
            aria-label="Session name"
            aria-describedby={sessionName && sessionName !== typedName ? `session-name-${workspace.id}` : undefined}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="picked for you"
            autoCapitalize="off"
            className={inputClass}
          />
          {sessionName && sessionName !== typedName ? (
            <span id={`session-name-${workspace.id}`} className="text-xs text-stone-500 dark:text-stone-400">
              Named <code className="font-mono">{sessionName}</code>
              {kind === "folder" ? "" : " (its folder and branch)"}
            </span>
          ) : null}
        </label>
        {kind !== "folder" ? (
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{kind === "branch" ? "Existing branch" : "Branch (optional)"}</span>
            <input
              aria-label="Branch"
              list={kind === "branch" ? `branches-${workspace.id}` : undefined}
              value={branch}
              onChange={(e) => setBranch(e.target.value)}
              placeholder={kind === "branch" ? "feature/x" : "picked for you"}
              autoCapitalize="off"
              className={inputClass}
            />
            {kind === "branch" ? (
              <datalist id={`branches-${workspace.id}`}>
                {branches.local.map((b) => (
                  <option key={b} value={b} />
                ))}
                {branches.originOnly.map((b) => (
                  <option key={`origin/${b}`} value={b} label={`${b} (only on origin)`} />
                ))}
              </datalist>
            ) : null}
          </label>
        ) : null}
        {kind !== "folder" ? <BaseBranchField value={baseBranch} defaultBranch={workspace.defaultBranch} choices={branches} onChange={setBaseBranch} onUseFolder={() => setKind("folder")} /> : null}
        <div className="sm:col-span-2">
          <Button type="submit" variant="primary" disabled={isBusy || (kind !== "folder" && hasNoBranch(branches))}>
            {isBusy ? <Spinner /> : null}
            Create session
          </Button>
          <ErrorText message={error} className="pt-2" />
        </div>
      </form>
    </section>
  );
}
