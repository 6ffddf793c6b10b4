import { useState, type FormEvent } from "react";
import type { BranchPrefixMode, Workspace, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { textTag, useStoredDraft } from "../../lib/use-stored-draft.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { SelectField } from "../sessions/select-field.tsx";

const PREFIX_LABELS: Record<BranchPrefixMode, string> = { none: "No prefix", github: "GitHub user name", custom: "Custom" };
const fieldClass = "rounded-lg border border-stone-300 bg-white px-3 py-2 font-mono text-sm dark:border-stone-700 dark:bg-stone-900";

/** A workspace's settings: name, base branch, branch prefix, setup script, files to copy, env sets (JSON). */
export function WorkspaceSettings({ workspace }: { workspace: Workspace }) {
  const initial = settingsOf(workspace);
  // Kept on the device until saved or discarded, for the settings it was started from. Not the env sets: their values
  // may be secrets, and nothing secret is written to the device's storage.
  const [form, setForm, forgetForm] = useStoredDraft(`chatml.workspace-settings.${workspace.id}.${textTag(JSON.stringify(initial))}`, initial, checkPrefixMode);
  const initialEnvSets = JSON.stringify(workspace.envSets, null, 2);
  const [envSets, setEnvSets] = useState(initialEnvSets);
  const { name, defaultBranch, prefixMode, prefix, script, copyFiles } = form;
  const setField = (field: keyof SettingsForm) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const isChanged = JSON.stringify(form) !== JSON.stringify(initial) || envSets !== initialEnvSets;
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
      forgetForm();
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
      {text("Name", name, setField("name"))}
      {text("Default base branch", defaultBranch, setField("defaultBranch"))}
      <SelectField label="Branch prefix" value={prefixMode} options={PREFIX_LABELS} onChange={setField("prefixMode")} />
      {prefixMode === "custom" ? text("Custom prefix", prefix, setField("prefix")) : <span />}
      {text("Setup script (bash, runs in every new worktree)", script, setField("script"), 3)}
      {text("Files to copy (globs, one a line)", copyFiles, setField("copyFiles"), 3)}
      <div className="sm:col-span-2">{text('Environment sets (JSON: {"name": {"VAR": "value"}})', envSets, setEnvSets, 4)}</div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="primary">Save settings</Button>
        {isChanged ? (
          <Button
            variant="ghost"
            onClick={() => {
              forgetForm();
              setForm(() => initial);
              setEnvSets(initialEnvSets);
              setNote({ error: null, saved: false });
            }}
          >
            Discard changes
          </Button>
        ) : null}
        {note.saved ? <span className="text-sm text-emerald-700">Saved.</span> : null}
      </div>
      <ErrorText message={note.error} className="sm:col-span-2" />
    </form>
  );
}

type SettingsForm = ReturnType<typeof settingsOf>;

/** The stored fields as the workspace has them; lists are edited as text. */
function settingsOf(workspace: Workspace) {
  return {
    name: workspace.name,
    defaultBranch: workspace.defaultBranch ?? "",
    prefixMode: workspace.branchPrefixMode as BranchPrefixMode,
    prefix: workspace.branchPrefix,
    script: workspace.setupScript ?? "",
    copyFiles: workspace.copyFiles.join("\n"),
  };
}

/** A stored prefix mode that is not one of the modes takes the workspace's. */
function checkPrefixMode(form: SettingsForm, fresh: SettingsForm): SettingsForm {
  return Object.hasOwn(PREFIX_LABELS, form.prefixMode) ? form : { ...form, prefixMode: fresh.prefixMode };
}
