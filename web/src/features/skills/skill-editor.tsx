import { useState, type FormEvent } from "react";
import type { SaveSkillInput, Skill, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { textTag, useStoredDraft } from "../../lib/use-stored-draft.ts";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

interface SkillEditorProps {
  workspaceId: WorkspaceId;
  /** The custom skill being edited, or null to create one. */
  editing: Skill | null;
  onSave: (input: SaveSkillInput) => Promise<Skill>;
  onDone: (saved: Skill | null) => void;
}

/** Creates or edits a custom command (`.claude/commands`) or skill (`.claude/skills`), in the project or for the user. */
export function SkillEditor({ workspaceId, editing, onSave, onDone }: SkillEditorProps) {
  const initial = initialForm(editing);
  // Kept on the device until saved or cancelled; an edit's draft belongs to the text it started from.
  const [form, setForm, forgetForm] = useStoredDraft(`chatml.skill-draft.${workspaceId}.${editing ? `${editing.id}.${textTag(JSON.stringify(initial))}` : "new"}`, initial, checkKinds);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIsSaving(true);
    try {
      const saved = await onSave({ workspaceId, ...form, isOverwrite: editing !== null });
      forgetForm();
      onDone(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <form aria-label={editing ? `Edit /${editing.name}` : "New command or skill"} onSubmit={(e) => void submit(e)} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
      <h2 className="text-sm font-semibold">{editing ? `Edit /${editing.name}` : "New command or skill"}</h2>
      <div className="grid grid-cols-2 gap-2">
        <label className="space-y-1 text-xs text-stone-500">
          <span>Kind</span>
          <select aria-label="Kind" value={form.kind} disabled={editing !== null} onChange={(e) => set({ kind: e.target.value as "command" | "skill" })} className={FIELD}>
            <option value="command">Command</option>
            <option value="skill">Skill</option>
          </select>
        </label>
        <label className="space-y-1 text-xs text-stone-500">
          <span>Where</span>
          <select aria-label="Where" value={form.scope} disabled={editing !== null} onChange={(e) => set({ scope: e.target.value as "project" | "user" })} className={FIELD}>
            <option value="project">This project (.claude/)</option>
            <option value="user">All my projects (~/.claude/)</option>
          </select>
        </label>
      </div>
      <label className="space-y-1 text-xs text-stone-500">
        <span>Name (typed after /)</span>
        <input aria-label="Name" required value={form.name} disabled={editing !== null} onChange={(e) => set({ name: e.target.value })} placeholder="ship-release" className={`${FIELD} font-mono`} />
      </label>
      <label className="space-y-1 text-xs text-stone-500">
        <span>Description</span>
        <input aria-label="Description" required={form.kind === "skill"} value={form.description} onChange={(e) => set({ description: e.target.value })} className={FIELD} />
      </label>
      <label className="space-y-1 text-xs text-stone-500">
        <span>Argument hint</span>
        <input aria-label="Argument hint" value={form.argumentHint} onChange={(e) => set({ argumentHint: e.target.value })} placeholder="<version>" className={`${FIELD} font-mono`} />
      </label>
      <label className="space-y-1 text-xs text-stone-500">
        <span>Instructions ($ARGUMENTS is replaced by what follows the name)</span>
        <textarea aria-label="Instructions" required rows={8} value={form.body} onChange={(e) => set({ body: e.target.value })} className={`${FIELD} py-2 font-mono`} />
      </label>
      <ErrorText message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={isSaving}>{isSaving ? "Saving…" : "Save"}</Button>
        <Button
          onClick={() => {
            forgetForm();
            onDone(null);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}

type SkillForm = ReturnType<typeof initialForm>;

/** A stored draft's kind and place, checked against the few values they can take. */
function checkKinds(form: SkillForm, fresh: SkillForm): SkillForm {
  return { ...form, kind: form.kind === "skill" || form.kind === "command" ? form.kind : fresh.kind, scope: form.scope === "user" || form.scope === "project" ? form.scope : fresh.scope };
}

function initialForm(editing: Skill | null) {
  return {
    kind: (editing?.source.endsWith("skill") ? "skill" : "command") as "command" | "skill",
    scope: (editing?.source.startsWith("user") ? "user" : "project") as "project" | "user",
    name: editing?.name ?? "",
    description: editing?.description ?? "",
    argumentHint: editing?.argumentHint ?? "",
    body: editing?.body ?? "",
  };
}
