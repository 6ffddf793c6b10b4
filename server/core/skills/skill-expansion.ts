import type { Skill } from "../../../shared/protocol/skills.ts";

const INVOCATION = /^\/([a-z0-9][a-z0-9_:-]*)(?:\s+([\s\S]*))?$/;

/** `/name rest of the text` → its name and arguments; null for anything else. */
export function parseSlashInvocation(text: string): { name: string; args: string } | null {
  const match = INVOCATION.exec(text.trim());
  return match ? { name: match[1] ?? "", args: (match[2] ?? "").trim() } : null;
}

/**
 * The prompt a skill becomes: its body with `$ARGUMENTS` (and `$1`…`$9`) replaced, as Claude Code does for custom
 * commands; a body without placeholders gets the arguments appended.
 */
export function expandSkill(skill: Pick<Skill, "name" | "body">, args: string): string {
  const words = args.split(/\s+/).filter(Boolean);
  const hasPlaceholder = /\$ARGUMENTS|\$[1-9]/.test(skill.body);
  const body = skill.body.replace(/\$ARGUMENTS/g, args).replace(/\$([1-9])/g, (_, n: string) => words[Number(n) - 1] ?? "");
  const text = hasPlaceholder || !args ? body : `${body.trimEnd()}\n\nARGUMENTS: ${args}`;
  return `(ChatML skill /${skill.name})\n\n${text.trim()}\n`;
}
