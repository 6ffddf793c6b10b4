import type { Skill } from "../../../../shared/index.ts";
import { SOURCE_LABELS } from "./use-skills.ts";

/** The label of the skill an id (`<source>:<name>`) names, e.g. "Project skill". */
function sourceLabelOf(skillId: string): string {
  const source = skillId.slice(0, skillId.indexOf(":")) as Skill["source"];
  return SOURCE_LABELS[source] ?? skillId;
}

/** Says when a custom skill replaces a built-in one of its name, on both of them: what `/name` runs is never a guess. */
export function OverrideNote({ skill }: { skill: Skill }) {
  if (skill.overriddenBy) {
    return <span role="note" className="block text-xs text-amber-800 dark:text-amber-300">Not used: /{skill.name} runs the {sourceLabelOf(skill.overriddenBy).toLowerCase()} of that name, which overrides it.</span>;
  }
  if (!skill.overrides) return null;
  return (
    <span role="note" className="block text-xs text-amber-800 dark:text-amber-300">
      {skill.isEnabled ? `Overrides the built-in /${skill.name}: this is what /${skill.name} runs.` : `Overrides the built-in /${skill.name} when on; while off, the built-in runs.`}
    </span>
  );
}
