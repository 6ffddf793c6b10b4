import type { Skill } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmDelete } from "../../components/confirm-delete.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { OverrideNote } from "./override-note.tsx";
import { SOURCE_LABELS } from "./use-skills.ts";
import { DOT } from "../../lib/dot-join.ts";

/** One skill in full: what `/name` sends, where the file is, and edit and delete buttons for custom ones. */
export function SkillPreview({ skill, onEdit, onDelete, onClose }: { skill: Skill; onEdit: () => void; onDelete: () => Promise<void>; onClose: () => void }) {
  return (
    <section aria-label={`Preview of /${skill.name}`} className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
      <div className="flex flex-wrap items-center gap-2">
        {/* Wrapped, not cut: on a phone the buttons leave the name a third of the row. */}
        <h2 className="min-w-0 flex-1 break-words font-mono text-sm font-semibold">
          /{skill.name} {skill.argumentHint ? <span className="font-normal text-stone-500">{skill.argumentHint}</span> : null}
        </h2>
        {skill.isEditable ? <Button onClick={onEdit}>Edit</Button> : null}
        {skill.isEditable && skill.path ? (
          <ConfirmDelete label="Delete" name={`Delete /${skill.name}`} question={`Delete /${skill.name}? Its file ${skill.path} is removed from disk.`} onConfirm={onDelete} />
        ) : null}
        <Button variant="ghost" aria-label="Close preview" onClick={onClose}>Close</Button>
      </div>
      <p className="text-xs text-stone-500">
        {SOURCE_LABELS[skill.source]}
        {skill.path ? <span className="block break-all font-mono">{skill.path}</span> : <span>{DOT}shipped with ChatML, read-only</span>}
      </p>
      {/* What Claude reads to decide when to use a skill: the list shows it, so its full view does too. */}
      {skill.description ? <p className="text-sm text-stone-700 dark:text-stone-300">{skill.description}</p> : null}
      <OverrideNote skill={skill} />
      {skill.problem ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{skill.problem}</p> : null}
      <div className="max-h-[50dvh] overflow-y-auto text-sm">
        <Markdown text={skill.body} />
      </div>
    </section>
  );
}
