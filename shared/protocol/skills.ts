import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ModelOption, SlashCommand } from "./model.ts";

/** Where a skill or command comes from: shipped with ChatML, the project's `.claude/`, or the user's `~/.claude/`. */
export const SkillSource = lazySchema(() => z.enum(["builtin", "project-command", "user-command", "project-skill", "user-skill"]));
export type SkillSource = z.infer<typeof SkillSource>;

/** A skill or custom slash command, as the Skills screen lists it. */
export const Skill = lazySchema(() => z.object({
  /** `<source>:<name>`, stable across reads. */
  id: z.string(),
  /** What follows the `/` (namespaced commands in sub-folders read `folder:name`). */
  name: z.string(),
  source: SkillSource,
  description: z.string(),
  argumentHint: z.string(),
  /** The markdown after the front matter. */
  body: z.string(),
  /** The file it was read from; null for built-in skills. */
  path: z.string().nullable(),
  /** Built-in skills are read-only; custom ones can be edited in place. */
  isEditable: z.boolean(),
  /** Enabled for this workspace (autocompleted after `/`). */
  isEnabled: z.boolean(),
  /** Why the file could not be read cleanly (e.g. broken front matter); it is listed but not offered. */
  problem: z.string().nullable(),
  /** A custom skill named like a built-in one: the built-in's id (while this one is on, it runs instead). */
  overrides: z.string().nullable(),
  /** A built-in skill that does not run because a custom one of its name does: that one's id. */
  overriddenBy: z.string().nullable(),
}));
export type Skill = z.infer<typeof Skill>;

/** What autocompletes after `/` in a conversation, available before its CLI starts. */
export const CommandCatalog = lazySchema(() => z.object({
  commands: z.array(SlashCommand),
  models: z.array(ModelOption),
  /** The CLI version the cached commands and models came from; null when no CLI has reported yet. */
  cliVersion: z.string().nullable(),
}));
export type CommandCatalog = z.infer<typeof CommandCatalog>;
