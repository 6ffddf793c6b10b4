import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { Skill, SkillSource } from "../../../shared/protocol/skills.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { messageOf } from "../../../shared/error-message.ts";

/** The markdown skills shipped in the package. */
export const BUILTIN_SKILLS_DIR = Bun.fileURLToPath(new URL("./builtin/", import.meta.url));

/** Where to look: the project folder (its `.claude/`), the user's home (`~/.claude/`), and the built-in folder. */
export type SkillRoots = { projectDir: string | null; homeDir: string; builtinDir?: string };

/** A skill as found on disk, before per-workspace enablement is applied. */
export type FoundSkill = Omit<Skill, "isEnabled" | "overrides" | "overriddenBy">;

const MAX_FILES_PER_SOURCE = 500;
const MAX_FILE_BYTES = 256 * 1024;

/** Every skill and command of the given roots, built-in first; unreadable files are listed with a problem. */
export function scanSkills(roots: SkillRoots): FoundSkill[] {
  const found: FoundSkill[] = [];
  found.push(...commandFiles(roots.builtinDir ?? BUILTIN_SKILLS_DIR, "builtin"));
  if (roots.projectDir) found.push(...scanProjectSkills(roots.projectDir));
  found.push(...commandFiles(join(roots.homeDir, ".claude", "commands"), "user-command"));
  found.push(...skillFolders(join(roots.homeDir, ".claude", "skills"), "user-skill"));
  return found;
}

/** Only the commands and skills of a project's own `.claude/`. */
export function scanProjectSkills(projectDir: string): FoundSkill[] {
  return [...commandFiles(join(projectDir, ".claude", "commands"), "project-command"), ...skillFolders(join(projectDir, ".claude", "skills"), "project-skill")];
}

/** `commands/<name>.md`, and `commands/<folder>/<name>.md` as `folder:name` (the CLI's namespacing). */
function commandFiles(dir: string, source: SkillSource): FoundSkill[] {
  return markdownFiles(dir).map((path) => {
    const name = relative(dir, path).replace(/\.md$/i, "").split(/[\\/]/).join(":");
    return readSkill(path, name, source);
  });
}

/** `skills/<name>/SKILL.md`. */
function skillFolders(dir: string, source: SkillSource): FoundSkill[] {
  if (!isDirectory(dir)) return [];
  return readdirSync(dir)
    .sort()
    .slice(0, MAX_FILES_PER_SOURCE)
    .map((entry) => join(dir, entry, "SKILL.md"))
    .filter((path) => existsSync(path))
    .map((path) => readSkill(path, basename(join(path, "..")), source));
}

function readSkill(path: string, fallbackName: string, source: SkillSource): FoundSkill {
  const base = { id: `${source}:${fallbackName}`, name: fallbackName, source, path: source === "builtin" ? null : path, isEditable: source !== "builtin" };
  let text: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return { ...base, description: "", argumentHint: "", body: "", problem: `The file is larger than ${MAX_FILE_BYTES / 1024} KB.` };
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { ...base, description: "", argumentHint: "", body: "", problem: `Could not read the file: ${messageOf(error)}` };
  }
  const parsed = parseFrontMatter(text);
  const isSkillFile = source === "project-skill" || source === "user-skill";
  const name = isSkillFile && parsed.fields.name && SKILL_NAME.test(parsed.fields.name) ? parsed.fields.name : fallbackName;
  return {
    ...base,
    id: `${source}:${name}`,
    name,
    description: parsed.fields.description ?? firstLine(parsed.body),
    argumentHint: parsed.fields["argument-hint"] ?? "",
    body: parsed.body,
    problem: parsed.problem ?? (isSkillFile ? skillFieldsProblem(parsed.fields, fallbackName) : null),
  };
}

const SKILL_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** A SKILL.md needs a usable `name` and a `description` (what Claude reads to decide when to use it); commands need neither. */
function skillFieldsProblem(fields: Record<string, string>, folder: string): string | null {
  if (!fields.name) return `The front matter has no name: add "name: ${folder}".`;
  if (!SKILL_NAME.test(fields.name)) return `The name "${fields.name.slice(0, 60)}" is not a skill name: use lower-case letters, digits, - and _.`;
  if (!fields.description) return "The front matter has no description: add one, Claude reads it to decide when to use the skill.";
  return null;
}

function markdownFiles(dir: string, depth = 0): string[] {
  if (!isDirectory(dir) || depth > 2) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (isDirectory(path)) files.push(...markdownFiles(path, depth + 1));
    else if (/\.md$/i.test(entry)) files.push(path);
    if (files.length >= MAX_FILES_PER_SOURCE) break;
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function firstLine(body: string): string {
  return body.split("\n").find((line) => line.trim())?.replace(/^#+\s*/, "").slice(0, 160) ?? "";
}
