import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { WorkspaceId } from "../ids.ts";

/** A command or skill name: what the user types after `/`. */
export const SkillName = lazySchema(() => z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case letters, digits, dashes and underscores"));

export const ListSkillsQuery = lazySchema(() => z.object({ workspaceId: WorkspaceId }));

/** Creates or overwrites a custom command (`.claude/commands/<name>.md`) or skill (`.claude/skills/<name>/SKILL.md`). */
export const SaveSkillInput = lazySchema(() => z.object({
  workspaceId: WorkspaceId,
  scope: z.enum(["project", "user"]),
  kind: z.enum(["command", "skill"]),
  name: SkillName,
  description: z.string().trim().max(300).default(""),
  argumentHint: z.string().trim().max(120).default(""),
  body: z.string().min(1).max(100_000),
  /** False refuses to replace an existing file with the same name (creating); true edits it. */
  isOverwrite: z.boolean().default(false),
}).refine((input) => input.kind !== "skill" || input.description !== "", {
  path: ["description"],
  message: "a skill needs a description: Claude reads it to decide when to use the skill",
}));
export type SaveSkillInput = z.infer<typeof SaveSkillInput>;

export const SetSkillEnabledInput = lazySchema(() => z.object({ workspaceId: WorkspaceId, skillId: z.string().min(1).max(200), isEnabled: z.boolean() }));
export type SetSkillEnabledInput = z.infer<typeof SetSkillEnabledInput>;

/** Deletes a custom command or skill (never a built-in one). */
export const DeleteSkillQuery = lazySchema(() => z.object({ workspaceId: WorkspaceId, skillId: z.string().min(1).max(200) }));
