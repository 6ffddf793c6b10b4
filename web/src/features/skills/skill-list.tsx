import type { Skill } from "../../../../shared/index.ts";
import { OverrideNote } from "./override-note.tsx";
import { SOURCE_LABELS } from "./use-skills.ts";

interface SkillListProps {
  skills: Skill[];
  selectedId: string | null;
  onSelect: (skill: Skill) => void;
  onToggle: (skill: Skill, isEnabled: boolean) => void;
}

/** Skills as rows: name, where it comes from, what it overrides, description, problem with its file, and an on/off switch. */
export function SkillList({ skills, selectedId, onSelect, onToggle }: SkillListProps) {
  if (skills.length === 0) return <p className="p-3 text-sm text-stone-500">No skills match.</p>;
  // A custom skill that overrides a built-in one shares its name: each row's controls then say whose they are.
  const counts = new Map<string, number>();
  for (const skill of skills) counts.set(skill.name, (counts.get(skill.name) ?? 0) + 1);
  const named = (skill: Skill) => (counts.get(skill.name) === 1 ? `/${skill.name}` : `/${skill.name} (${SOURCE_LABELS[skill.source]})`);
  return (
    <ul aria-label="Skills" className="flex flex-col gap-2">
      {skills.map((skill) => (
        <li key={skill.id} data-testid="skill-row" className={`flex items-start gap-2 rounded-xl border p-2 ${selectedId === skill.id ? "border-accent bg-white dark:bg-stone-900" : "border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900"}`}>
          <button type="button" onClick={() => onSelect(skill)} aria-label={`Preview ${named(skill)}`} className="min-h-11 min-w-0 flex-1 px-1 text-left">
            <span className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-mono text-sm font-semibold">/{skill.name}</span>
              {skill.argumentHint ? <span className="font-mono text-xs text-stone-500">{skill.argumentHint}</span> : null}
              <span className="rounded bg-stone-100 px-1.5 text-[11px] text-stone-600 dark:bg-stone-800 dark:text-stone-300">{SOURCE_LABELS[skill.source]}</span>
              {skill.overrides ? <span className="rounded bg-amber-100 px-1.5 text-[11px] text-amber-900 dark:bg-amber-900 dark:text-amber-100">overrides the built-in</span> : null}
            </span>
            <span className="block text-xs text-stone-600 dark:text-stone-400">{skill.description || "No description"}</span>
            <OverrideNote skill={skill} />
            {skill.problem ? (
              <span role="note" className="block text-xs text-red-700 dark:text-red-400">
                {skill.problem} <span className="break-all font-mono">{skill.path}</span>
              </span>
            ) : null}
          </button>
          <label className="flex min-h-11 min-w-11 shrink-0 cursor-pointer items-center justify-center">
            <input
              type="checkbox"
              role="switch"
              aria-label={`Enable ${named(skill)}`}
              checked={skill.isEnabled}
              disabled={skill.problem !== null}
              onChange={(e) => onToggle(skill, e.target.checked)}
              className="size-5"
            />
          </label>
        </li>
      ))}
    </ul>
  );
}
