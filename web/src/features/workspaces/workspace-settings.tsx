import { useState, type FormEvent } from "react";
import type { BranchPrefixMode, Workspace, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { SelectField } from "../sessions/select-field.tsx";

const PREFIX_LABELS: Record<BranchPrefixMode, string> = { none: "No prefix", github: "GitHub user name", custom: "Custom" };
const fieldClass = "rounded-lg border border-stone-300 bg-white px-3 py-2 font-mono text-sm dark:border-stone-700 dark:bg-stone-900";

/** A workspace's settings: name, base branch, branch prefix, setup script, files to copy, env sets (JSON). */
export function WorkspaceSettings({ workspace }: { workspace: Workspace }) {
  const [name, setName] = useState(workspace.name);
  const [defaultBranch, setDefaultBranch] = useState(workspace.defaultBranch ?? "");
  const [prefixMode, setPrefixMode] = useState(workspace.branchPrefixMode);
  const [prefix, setPrefix] = useState(workspace.branchPrefix);
  const [script, setScript] = useState(workspace.setupScript ?? "");
  const [copyFiles, setCopyFiles] = useState(workspace.copyFiles.join("\n"));
  const [envSets, setEnvSets] = useState(JSON.stringify(workspace.envSets, null, 2));
  const [note, setNote] = useState<{ error: string | null; saved: boolean }>({ error: null, saved: false });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const parsedEnv: unknown = JSON.parse(envSets || "{}");
      await workspacesApi.updateWorkspace(workspace.id as WorkspaceId, {
        name: name.trim(),
        defaultBranch: defaultBranch.trim() || null,
        branchPrefixMode: prefixMode,
        branchPrefix: prefix.trim(),
        setupScript: script.trim() ? script : null,
        copyFiles: copyFiles.split(/[\n,]/).map((s) => s.trim()).filter(Boolean),
        envSets: parsedEnv as Record<string, Record<string, string>>,
      });
      setNote({ error: null, saved: true });
    } catch (err) {
      setNote({ error: errorMessage(err), saved: false });
    }
  };
  const text = (label: string, value: string, set: (v: string) => void, rows = 0) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      {rows > 0 ? (
        <textarea aria-label={label} rows={rows} value={value} onChange={(e) => set(e.target.value)} className={fieldClass} />
      ) : (
        <input aria-label={label} value={value} onChange={(e) => set(e.target.value)} className={`min-h-11 ${fieldClass}`} />
      )}
    </label>
  );
  return (
    <form aria-label="Workspace settings" onSubmit={(e) => void onSubmit(e)} className="grid grid-cols-1 gap-3 rounded-xl border border-stone-200 p-4 sm:grid-cols-2 dark:border-stone-800">
      {text("Name", name, setName)}
      {text("Default base branch", defaultBranch, setDefaultBranch)}
      <SelectField label="Branch prefix" value={prefixMode} options={PREFIX_LABELS} onChange={setPrefixMode} />
      {prefixMode === "custom" ? text("Custom prefix", prefix, setPrefix) : <span />}
      {text("Setup script (runs in every new worktree)", script, setScript, 3)}
      {text("Files to copy (globs, one a line)", copyFiles, setCopyFiles, 3)}
      <div className="sm:col-span-2">{text('Environment sets (JSON: {"name": {"VAR": "value"}})', envSets, setEnvSets, 4)}</div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="primary">Save settings</Button>
        {note.saved ? <span className="text-sm text-emerald-700">Saved.</span> : null}
      </div>
      <ErrorText message={note.error} className="sm:col-span-2" />
    </form>
  );
}
