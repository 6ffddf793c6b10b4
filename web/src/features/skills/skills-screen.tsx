import { useMemo, useState } from "react";
import type { Skill, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { TopBar } from "../shell/top-bar.tsx";
import { SkillEditor } from "./skill-editor.tsx";
import { SkillList } from "./skill-list.tsx";
import { SkillPreview } from "./skill-preview.tsx";
import { useSkills } from "./use-skills.ts";

const FIELD = "min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900";

/** The skills library of a workspace: built-in skills and custom commands, searchable, switchable, editable. */
export function SkillsScreen() {
  const workspaces = useConversationsStore((s) => s.workspaces);
  const isLoaded = useConversationsStore((s) => s.isLoaded);
  const list = Object.values(workspaces).sort((a, b) => a.name.localeCompare(b.name));
  const [chosen, setChosen] = useState<string | null>(null);
  const workspaceId = (chosen ?? list[0]?.id ?? null) as WorkspaceId | null;
  const { skills, error, setEnabled, save, remove } = useSkills(workspaceId);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<Skill | null>(null);
  const [editor, setEditor] = useState<{ editing: Skill | null } | null>(null);
  const shown = useMemo(() => filterSkills(skills ?? [], query), [skills, query]);
  const current = selected ? (skills?.find((s) => s.id === selected.id) ?? selected) : null;
  return (
    <>
      <TopBar title="Skills" subtitle={workspaceId ? workspaces[workspaceId]?.path : null}>
        {workspaceId ? <Button variant="ghost" onClick={() => setEditor({ editing: null })}>New</Button> : null}
      </TopBar>
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-5xl flex-col gap-3 p-4">
          {/* Without a workspace no list is ever asked for: a search box over "Loading…" would wait for nothing. */}
          {list.length === 0 ? (
            <p className="text-sm text-stone-500">{isLoaded ? "Add a workspace first: skills are switched on and off per workspace." : "Loading…"}</p>
          ) : (
            <>
              <div className="flex flex-wrap gap-2">
                {list.length > 1 ? (
                  <select aria-label="Workspace" value={workspaceId ?? ""} onChange={(e) => (setChosen(e.target.value), setSelected(null))} className={FIELD}>
                    {list.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
                  </select>
                ) : null}
                <input type="search" aria-label="Search skills" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search skills and commands…" className={`${FIELD} min-w-0 flex-1`} />
              </div>
              <ErrorText message={error} />
              <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
                <div className={current || editor ? "hidden md:block" : ""}>
                  {skills ? <SkillList skills={shown} selectedId={current?.id ?? null} onSelect={(s) => (setSelected(s), setEditor(null))} onToggle={(s, on) => void setEnabled(s, on)} /> : <p className="text-sm text-stone-500">Loading…</p>}
                </div>
                <div>
                  {editor && workspaceId ? (
                    <SkillEditor key={editor.editing?.id ?? "new"} workspaceId={workspaceId} editing={editor.editing} onSave={save} onDone={(saved) => (setEditor(null), saved && setSelected(saved))} />
                  ) : current ? (
                    <SkillPreview skill={current} onEdit={() => setEditor({ editing: current })} onDelete={() => remove(current).then(() => setSelected(null))} onClose={() => setSelected(null)} />
                  ) : (
                    <p className="hidden text-sm text-stone-500 md:block">Pick a skill to see what it asks Claude to do. Type / in a conversation to use one.</p>
                  )}
                </div>
              </div>
            </>
          )}
        </div>
      </main>
    </>
  );
}

function filterSkills(skills: Skill[], query: string): Skill[] {
  const q = query.trim().toLowerCase();
  if (!q) return skills;
  return skills.filter((s) => s.name.toLowerCase().includes(q) || s.description.toLowerCase().includes(q));
}
