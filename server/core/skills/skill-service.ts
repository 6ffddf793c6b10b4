import { mkdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import type { ConversationId, WorkspaceId } from "../../../shared/ids.ts";
import type { SaveSkillInput } from "../../../shared/api/skills-inputs.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { ModelOption, SlashCommand } from "../../../shared/protocol/model.ts";
import type { CommandCatalog, Skill } from "../../../shared/protocol/skills.ts";
import type { Repositories } from "../../persistence/repositories.ts";
import { formatFrontMatter } from "./front-matter.ts";
import { scanProjectSkills, scanSkills, type FoundSkill } from "./skill-catalog.ts";
import { expandSkill, parseSlashInvocation } from "./skill-expansion.ts";

export type SkillServiceDeps = {
  repos: Pick<Repositories, "workspaces" | "sessions" | "conversations" | "skillSettings">;
  /** The user's home (its `.claude/commands` and `.claude/skills`). */
  homeDir: string;
  /** The version of the CLI new conversations would run, or null when none is found. */
  cliVersion: () => Promise<string | null>;
  builtinDir?: string;
};

/** Skills and commands: listing per workspace, switches, custom files, `/` autocomplete and built-in expansion. */
export class SkillService {
  constructor(private readonly deps: SkillServiceDeps) {}

  /** Every skill and command a workspace sees, with its switch applied. */
  list(workspaceId: WorkspaceId): Skill[] {
    return this.withSwitches(workspaceId, scanSkills(this.roots(this.workspace(workspaceId).path)));
  }

  setEnabled(workspaceId: WorkspaceId, skillId: string, isEnabled: boolean): Skill {
    const skill = this.list(workspaceId).find((candidate) => candidate.id === skillId);
    if (!skill) throw new AppError("not_found", `No skill or command ${skillId} in this workspace.`);
    this.deps.repos.skillSettings.setEnabled(workspaceId, skillId, isEnabled);
    return { ...skill, isEnabled };
  }

  /** Writes a custom command or skill file; refuses to replace an existing one unless editing. */
  save(input: SaveSkillInput): Skill {
    const base = input.scope === "project" ? this.workspace(input.workspaceId).path : this.deps.homeDir;
    const path =
      input.kind === "command"
        ? join(base, ".claude", "commands", `${input.name}.md`)
        : join(base, ".claude", "skills", input.name, "SKILL.md");
    if (existsSync(path) && !input.isOverwrite) throw new AppError("conflict", `A ${input.kind} named /${input.name} already exists (${path}); edit it instead.`);
    const fields: Record<string, string> = input.kind === "skill" ? { name: input.name, description: input.description } : { description: input.description };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, formatFrontMatter({ ...fields, "argument-hint": input.argumentHint }, input.body));
    const saved = this.list(input.workspaceId).find((skill) => skill.path === path);
    if (!saved) throw new AppError("internal", `Saved ${path} but could not read it back.`);
    return saved;
  }

  /**
   * Deletes a custom command (its file) or skill (its folder, with what the skill keeps beside SKILL.md). Built-in
   * skills ship with ChatML: they can only be switched off.
   */
  remove(workspaceId: WorkspaceId, skillId: string): void {
    const skill = this.list(workspaceId).find((candidate) => candidate.id === skillId);
    if (!skill) throw new AppError("not_found", `No skill or command ${skillId} in this workspace.`);
    if (!skill.isEditable || !skill.path) throw new AppError("bad_request", `/${skill.name} ships with ChatML and cannot be deleted; switch it off instead.`);
    const isSkillFolder = (skill.source === "project-skill" || skill.source === "user-skill") && basename(skill.path) === "SKILL.md";
    rmSync(isSkillFolder ? dirname(skill.path) : skill.path, { recursive: isSkillFolder, force: true });
  }

  /** What autocompletes after `/` in a conversation: the CLI's cached commands plus the enabled skills. */
  async catalog(conversationId: ConversationId): Promise<CommandCatalog> {
    const cached = this.deps.repos.skillSettings.capabilities(await this.deps.cliVersion()) ?? this.deps.repos.skillSettings.capabilities(null);
    const { skills } = this.conversationSkills(conversationId);
    return { commands: mergeCommands(cached?.commands ?? [], skills), models: cached?.models ?? [], cliVersion: cached?.cliVersion ?? null };
  }

  /** Remembers what a CLI version reported, for conversations that have not started a CLI yet. */
  async recordCapabilities(commands: SlashCommand[], models: ModelOption[]): Promise<void> {
    const version = await this.deps.cliVersion();
    if (version && commands.length > 0) this.deps.repos.skillSettings.saveCapabilities(version, commands, models);
  }

  /**
   * The text to send to the CLI for what the user typed: a `/name args` of an enabled skill the CLI cannot see (a
   * built-in one, or one of the project's `.claude/` that the session's worktree lacks) becomes the skill's
   * instructions; anything else goes through unchanged.
   */
  prepareText(conversationId: ConversationId, text: string): string {
    const invocation = parseSlashInvocation(text);
    if (!invocation) return text;
    const { skills, unseen } = this.conversationSkills(conversationId);
    const runner = runnerOf(invocation.name, skills);
    // What the CLI sees itself it runs; a custom one switched off would still run there, so the built-in is expanded.
    if (!runner || (runner.source !== "builtin" && !unseen.has(runner.id))) return text;
    return expandSkill(runner, invocation.args);
  }

  /**
   * Refuses a typed `/name` whose skills and commands are all off or broken, before anything of the message is kept or
   * reaches a CLI (chat or interactive terminal): the CLI reads `.claude/` itself and would run it (ADR 0083).
   */
  assertRunnable(conversationId: ConversationId, text: string): void {
    const invocation = parseSlashInvocation(text);
    if (!invocation) return;
    const refusal = this.refusal(conversationId, invocation.name);
    if (refusal) throw new AppError("bad_request", `/${invocation.name} was not sent: ${refusal.why}. ${refusal.detail}${refusal.remedy}`);
  }

  /**
   * Why the model may not run `name` with its Skill tool now, or null when it may (a name ChatML does not list, such
   * as the CLI's own skills, passes). Asked at each call, so a switch takes effect on a CLI already running (ADR 0087b).
   */
  modelInvocationRefusal(conversationId: ConversationId, name: string): string | null {
    const refusal = this.refusal(conversationId, name);
    return refusal ? `The skill "${name}" was not run: ${refusal.why}. ${refusal.detail}Do not try it again; carry on without it.` : null;
  }

  /**
   * The CLI's `skillOverrides` setting naming each custom skill of the conversation that is off with none of its name
   * on: what keeps the model from invoking one through its Skill tool, and a TUI from running one typed there (ADR 0083).
   */
  skillOverrides(conversationId: ConversationId): Record<string, "off"> {
    const custom = this.conversationSkills(conversationId).skills.filter((skill) => skill.source !== "builtin");
    const on = new Set(custom.filter((skill) => skill.isEnabled).map((skill) => skill.name));
    return Object.fromEntries(custom.filter((skill) => !on.has(skill.name)).map((skill) => [skill.name, "off" as const]));
  }

  /** A chat launch's `--settings` with the conversation's skillOverrides, when any. */
  launchExtras(conversationId: ConversationId): { args: string[]; env: Record<string, string> } {
    const skillOverrides = this.skillOverrides(conversationId);
    return Object.keys(skillOverrides).length > 0 ? { args: ["--settings", JSON.stringify({ skillOverrides })], env: {} } : { args: [], env: {} };
  }

  /**
   * A conversation's skills: those of its folder, plus the ones in its workspace's own `.claude/` that a session in
   * a worktree does not have (saved on the Skills screen, not committed to its branch). The CLI, running in the
   * worktree, does not see those (`unseen`): ChatML offers and expands them itself.
   */
  private conversationSkills(conversationId: ConversationId): { skills: Skill[]; unseen: Set<string> } {
    const { workspaceId, cwd } = this.placeOf(conversationId);
    const found = scanSkills(this.roots(cwd));
    const projectDir = this.workspace(workspaceId).path;
    const fromInside = relative(projectDir, cwd);
    const isInsideProject = fromInside === "" || (!fromInside.startsWith("..") && !isAbsolute(fromInside));
    if (isInsideProject) return { skills: this.withSwitches(workspaceId, found), unseen: new Set() };
    const own = new Set(found.filter((skill) => isProjectSkill(skill)).map((skill) => skill.name));
    const missing = scanProjectSkills(projectDir).filter((skill) => !own.has(skill.name));
    return { skills: this.withSwitches(workspaceId, [...found, ...missing]), unseen: new Set(missing.map((skill) => skill.id)) };
  }

  /**
   * Why `name` may not run (every skill and command of that name is off or broken), or null when it may: `why` without
   * its full stop, `detail` the broken file's problem as sentences (with a trailing space) or "".
   */
  private refusal(conversationId: ConversationId, name: string): { why: string; detail: string; remedy: string } | null {
    const { skills } = this.conversationSkills(conversationId);
    const named = skills.filter((skill) => skill.name === name);
    if (named.length === 0 || runnerOf(name, skills)) return null;
    const broken = named.find((skill) => skill.problem !== null);
    if (broken && named.every((skill) => skill.problem !== null)) {
      return { why: `its file is broken (${broken.path ?? name})`, detail: `${broken.problem ?? ""} `, remedy: "Fix it on the Skills screen to run it." };
    }
    return { why: "it is switched off on the Skills screen for this workspace", detail: "", remedy: "Switch it on there to run it." };
  }

  private withSwitches(workspaceId: WorkspaceId, found: FoundSkill[]): Skill[] {
    const switches = this.deps.repos.skillSettings.switches(workspaceId);
    const switched = found.map((skill) => ({ ...skill, isEnabled: skill.problem === null && (switches.get(skill.id) ?? true) }));
    const builtinIds = new Map(switched.filter((skill) => skill.source === "builtin").map((skill) => [skill.name, skill.id]));
    return switched.map((skill) => {
      const runner = builtinIds.has(skill.name) ? runnerOf(skill.name, switched) : null;
      return {
        ...skill,
        overrides: skill.source === "builtin" ? null : (builtinIds.get(skill.name) ?? null),
        overriddenBy: skill.source === "builtin" && runner && runner.source !== "builtin" ? runner.id : null,
      };
    });
  }

  private roots(projectDir: string) {
    return { projectDir, homeDir: this.deps.homeDir, ...(this.deps.builtinDir ? { builtinDir: this.deps.builtinDir } : {}) };
  }

  private workspace(workspaceId: WorkspaceId) {
    const workspace = this.deps.repos.workspaces.get(workspaceId);
    if (!workspace) throw new AppError("not_found", `Workspace ${workspaceId} does not exist.`);
    return workspace;
  }

  private placeOf(conversationId: ConversationId): { workspaceId: WorkspaceId; cwd: string } {
    const conversation = this.deps.repos.conversations.get(conversationId);
    const session = conversation ? this.deps.repos.sessions.get(conversation.sessionId) : null;
    if (!session) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    return { workspaceId: session.workspaceId, cwd: session.cwd };
  }
}

function isProjectSkill(skill: FoundSkill): boolean {
  return skill.source === "project-command" || skill.source === "project-skill";
}

/**
 * What `/name` runs: the first custom skill or command of that name that is on (it overrides a built-in one), else the
 * built-in one when it is on; null when every one of that name is off or broken. The Skills screen's "overrides the
 * built-in" and what prepareText sends both come from here, so what is shown is what runs.
 */
function runnerOf<T extends FoundSkill & { isEnabled: boolean }>(name: string, skills: T[]): T | null {
  const named = skills.filter((skill) => skill.name === name && skill.isEnabled);
  return named.find((skill) => skill.source !== "builtin") ?? named.find((skill) => skill.source === "builtin") ?? null;
}

/**
 * Skills with their descriptions win over the CLI's bare names; a name whose skills are all off is left out entirely.
 * A name is offered once, described by what runs (see runnerOf).
 */
function mergeCommands(cliCommands: SlashCommand[], skills: Skill[]): SlashCommand[] {
  const names = new Set(skills.map((skill) => skill.name));
  const offered = [...names]
    .map((name) => runnerOf(name, skills))
    .filter((skill) => skill !== null)
    .map((skill) => ({ name: skill.name, description: skill.description, argumentHint: skill.argumentHint }));
  return [...offered, ...cliCommands.filter((command) => !names.has(command.name))];
}
