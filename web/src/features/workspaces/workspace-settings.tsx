import { useState, type FormEvent } from "react";
import type { BranchPrefixMode, UpdateWorkspaceInput, Workspace, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useStoredText } from "../../lib/use-stored-text.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { SelectField } from "../sessions/select-field.tsx";

const PREFIX_LABELS: Record<BranchPrefixMode, string> = { none: "No prefix", github: "GitHub user name", custom: "Custom" };
const fieldClass = "rounded-lg border border-stone-300 bg-white px-3 py-2 font-mono text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * A workspace's settings: name, base branch, branch prefix, setup script, files to copy, env sets (JSON). Only the
 * fields changed here are kept and saved: another device may save other fields while this form is open, and they show
 * here as they arrive and are never put back by saving this one.
 */
export function WorkspaceSettings({ workspace }: { workspace: Workspace }) {
  const fresh = settingsOf(workspace);
  // Kept on the device until saved or discarded. Not the env sets: their values may be secrets, and nothing secret is
  // written to the device's storage. null: not edited here, so they follow the workspace.
  const [editsText, setEditsText, forgetEdits] = useStoredText(`chatml.workspace-settings.${workspace.id}`, "{}");
  const edits = editsOf(editsText, fresh);
  const [envSetsEdit, setEnvSets] = useState<string | null>(null);
  const form = { ...fresh, ...edits };
  const initialEnvSets = JSON.stringify(workspace.envSets, null, 2);
  const envSets = envSetsEdit ?? initialEnvSets;
  const { name, defaultBranch, prefixMode, prefix, script, copyFiles } = form;
  const setField = (field: keyof SettingsForm) => (value: string) => setEditsText((text) => JSON.stringify({ ...editsOf(text, fresh), [field]: value }));
  const isChanged = Object.keys(edits).length > 0 || (envSetsEdit !== null && envSetsEdit !== initialEnvSets);
  const [note, setNote] = useState<{ error: string | null; saved: boolean }>({ error: null, saved: false });
  const discard = () => {
    forgetEdits();
    setEditsText(() => "{}");
    setEnvSets(null);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const envPatch = envSetsEdit === null ? {} : { envSets: parseEnvSets(envSetsEdit) };
      const { workspace: saved } = await workspacesApi.updateWorkspace(workspace.id as WorkspaceId, { ...patchOf(edits), ...envPatch });
      useConversationsStore.getState().upsert({ kind: "workspace", workspace: saved });
      discard();
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
              discard();
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

/** The fields this device changed (as stored), those still differing from the workspace's; anything malformed is dropped. */
function editsOf(text: string, fresh: SettingsForm): Partial<SettingsForm> {
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof stored !== "object" || stored === null) return {};
  const edits: Partial<SettingsForm> = {};
  for (const key of Object.keys(fresh) as Array<keyof SettingsForm>) {
    const value = (stored as Record<string, unknown>)[key];
    if (typeof value === "string" && value !== fresh[key]) edits[key] = value as BranchPrefixMode;
  }
  if (edits.prefixMode !== undefined && !Object.hasOwn(PREFIX_LABELS, edits.prefixMode)) delete edits.prefixMode;
  return edits;
}

/** The update that saves exactly the fields changed here. */
function patchOf(edits: Partial<SettingsForm>): UpdateWorkspaceInput {
  const patch: UpdateWorkspaceInput = {};
  if (edits.name !== undefined) patch.name = edits.name.trim();
  if (edits.defaultBranch !== undefined) patch.defaultBranch = edits.defaultBranch.trim() || null;
  if (edits.prefixMode !== undefined) patch.branchPrefixMode = edits.prefixMode;
  if (edits.prefix !== undefined) patch.branchPrefix = edits.prefix.trim();
  if (edits.script !== undefined) patch.setupScript = edits.script.trim() ? edits.script : null;
  if (edits.copyFiles !== undefined) patch.copyFiles = edits.copyFiles.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  return patch;
}

/** The env sets as typed; text that is not JSON is refused saying which field and what it should look like. */
function parseEnvSets(text: string): Record<string, Record<string, string>> {
  try {
    return JSON.parse(text || "{}") as Record<string, Record<string, string>>;
  } catch (error) {
    // The parser's own words ("Expected property name … at position 1") name neither the field nor the fix.
    throw new Error(`Environment sets are not valid JSON (${errorMessage(error)}): write them like {"dev": {"PORT": "3000"}}, or {} for none.`, { cause: error });
  }
}
