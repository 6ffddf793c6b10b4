import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { SkillService } from "./skill-service.ts";

let t: TempDb;
let root: string;
let project: string;
let home: string;
let service: SkillService;
let cliVersion: string | null;

beforeEach(() => {
  t = openTempDb();
  root = mkdtempSync(join(tmpdir(), "chatml-skills-"));
  project = join(root, "project");
  home = join(root, "home");
  mkdirSync(join(project, ".claude", "commands", "team"), { recursive: true });
  mkdirSync(join(home, ".claude", "skills", "notes"), { recursive: true });
  writeFileSync(join(project, ".claude", "commands", "greet.md"), "---\ndescription: Greets\nargument-hint: <name>\n---\nGreet $ARGUMENTS.\n");
  writeFileSync(join(project, ".claude", "commands", "team", "sync.md"), "Sync with the team.\n");
  writeFileSync(join(project, ".claude", "commands", "broken.md"), "---\ndescription: never closed\n");
  writeFileSync(join(home, ".claude", "skills", "notes", "SKILL.md"), "---\nname: notes\ndescription: Keep notes\n---\nWrite notes.\n");
  cliVersion = "2.1.330";
  service = new SkillService({ repos: t.repos, homeDir: home, cliVersion: async () => cliVersion });
});
afterEach(() => {
  t.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe("SkillService", () => {
  it("lists built-in skills, project and user commands and skills; a broken file is listed with its problem", () => {
    const { workspace } = seedConversation(t.repos, project);
    const skills = service.list(workspace.id);
    const byId = new Map(skills.map((skill) => [skill.id, skill]));
    for (const name of ["tdd", "debugging", "review-code", "refactor", "security-audit", "dependency-review", "write-adr", "commit", "pr"]) {
      expect(byId.get(`builtin:${name}`), name).toMatchObject({ isEditable: false, isEnabled: true, problem: null });
      expect(byId.get(`builtin:${name}`)?.description.length).toBeGreaterThan(10);
    }
    expect(byId.get("project-command:greet")).toMatchObject({ description: "Greets", argumentHint: "<name>", isEditable: true, isEnabled: true });
    expect(byId.get("project-command:team:sync")).toMatchObject({ name: "team:sync", description: "Sync with the team." });
    expect(byId.get("project-command:broken")).toMatchObject({ isEnabled: false, problem: expect.stringMatching(/not closed/) });
    expect(byId.get("user-skill:notes")).toMatchObject({ description: "Keep notes" });
  });

  it("switches a skill off per workspace: gone from the catalog and no longer expanded", async () => {
    const { workspace, conversation } = seedConversation(t.repos, project);
    expect(service.prepareText(conversation.id, "/tdd a parser")).toContain("Build this behaviour test-first: a parser");
    service.setEnabled(workspace.id, "builtin:tdd", false);
    expect(() => service.assertRunnable(conversation.id, "/tdd a parser")).toThrow("/tdd was not sent: it is switched off on the Skills screen for this workspace. Switch it on there to run it.");
    const names = (await service.catalog(conversation.id)).commands.map((command) => command.name);
    expect(names).not.toContain("tdd");
    expect(names).toContain("greet");
    expect(() => service.setEnabled(workspace.id, "builtin:nope", true)).toThrow(/No skill/);
  });

  it("leaves custom commands and plain text to the CLI", () => {
    const { conversation } = seedConversation(t.repos, project);
    expect(service.prepareText(conversation.id, "/greet Alice")).toBe("/greet Alice");
    expect(service.prepareText(conversation.id, "hello /tdd")).toBe("hello /tdd");
  });

  it("serves the cached commands and models of the CLI version before any CLI runs", async () => {
    const { conversation } = seedConversation(t.repos, project);
    expect((await service.catalog(conversation.id)).models).toEqual([]);
    await service.recordCapabilities([{ name: "compact", description: "Compact the context", argumentHint: "" }], [{ value: "opus", displayName: "Opus", description: "" }]);
    cliVersion = "9.9.9";
    const catalog = await service.catalog(conversation.id);
    expect(catalog).toMatchObject({ cliVersion: "2.1.330", models: [{ value: "opus" }] });
    expect(catalog.commands.find((command) => command.name === "compact")).toMatchObject({ description: "Compact the context" });
  });

  it("creates a custom command, refuses to overwrite it by accident, and edits it", () => {
    const { workspace } = seedConversation(t.repos, project);
    const input = { workspaceId: workspace.id, scope: "project" as const, kind: "command" as const, name: "ship", description: "Ship it: now", argumentHint: "<version>", body: "Release $ARGUMENTS", isOverwrite: false };
    const saved = service.save(input);
    expect(saved).toMatchObject({ id: "project-command:ship", description: "Ship it: now", argumentHint: "<version>" });
    expect(() => service.save(input)).toThrow(/already exists/);
    service.save({ ...input, body: "Release $ARGUMENTS carefully", isOverwrite: true });
    expect(readFileSync(join(project, ".claude", "commands", "ship.md"), "utf8")).toContain("carefully");
    const skill = service.save({ ...input, kind: "skill", scope: "user", name: "memo" });
    expect(skill).toMatchObject({ id: "user-skill:memo", path: join(home, ".claude", "skills", "memo", "SKILL.md") });
  });

  it("deletes a custom command and a skill's folder, never a built-in skill", () => {
    const { workspace } = seedConversation(t.repos, project);
    writeFileSync(join(home, ".claude", "skills", "notes", "helper.sh"), "echo help\n");
    service.remove(workspace.id, "project-command:greet");
    service.remove(workspace.id, "user-skill:notes");
    expect(existsSync(join(project, ".claude", "commands", "greet.md"))).toBe(false);
    expect(existsSync(join(home, ".claude", "skills", "notes"))).toBe(false);
    expect(existsSync(join(project, ".claude", "commands", "team", "sync.md"))).toBe(true);
    const ids = service.list(workspace.id).map((skill) => skill.id);
    expect(ids).not.toContain("project-command:greet");
    expect(ids).not.toContain("user-skill:notes");
    const builtin = service.list(workspace.id).find((skill) => skill.source === "builtin");
    expect(builtin).toBeDefined();
    expect(() => service.remove(workspace.id, builtin?.id ?? "")).toThrow(/cannot be deleted; switch it off instead/);
    expect(() => service.remove(workspace.id, "project-command:nope")).toThrow(/No skill or command/);
  });

  it("a session in a worktree is offered the project's commands saved on the Skills screen, which ChatML expands (its CLI cannot see them)", async () => {
    const { workspace } = seedConversation(t.repos, project);
    const worktree = join(root, "worktrees", "alpha");
    mkdirSync(worktree, { recursive: true });
    const session = t.repos.sessions.create({ workspaceId: workspace.id, name: "alpha", cwd: worktree });
    const conversation = t.repos.conversations.create({ sessionId: session.id });
    service.save({ workspaceId: workspace.id, scope: "project", kind: "command", name: "ship", description: "Ships it", argumentHint: "", body: "Release $ARGUMENTS", isOverwrite: false });
    expect((await service.catalog(conversation.id)).commands.find((command) => command.name === "ship")).toMatchObject({ description: "Ships it" });
    expect(service.prepareText(conversation.id, "/ship 1.2")).toBe("(ChatML skill /ship)\n\nRelease 1.2\n");
    service.setEnabled(workspace.id, "project-command:ship", false);
    expect(() => service.assertRunnable(conversation.id, "/ship 1.2")).toThrow("/ship was not sent: it is switched off on the Skills screen for this workspace.");
    service.setEnabled(workspace.id, "project-command:ship", true);
    // Once the worktree has the command itself (committed to its branch), its CLI runs it.
    mkdirSync(join(worktree, ".claude", "commands"), { recursive: true });
    writeFileSync(join(worktree, ".claude", "commands", "ship.md"), "Release $ARGUMENTS from the branch\n");
    expect(service.prepareText(conversation.id, "/ship 1.2")).toBe("/ship 1.2");
  });

  it("offers a name once: a project command named like a built-in skill is the one described, as it is the one that runs", async () => {
    const { workspace, conversation } = seedConversation(t.repos, project);
    service.save({ workspaceId: workspace.id, scope: "project", kind: "command", name: "commit", description: "Our own commit rules", argumentHint: "", body: "Commit as we do.", isOverwrite: false });
    service.save({ workspaceId: workspace.id, scope: "project", kind: "skill", name: "greet", description: "A greeting skill", argumentHint: "", body: "Greet.", isOverwrite: false });
    const commands = (await service.catalog(conversation.id)).commands;
    expect(commands.filter((command) => command.name === "commit")).toEqual([{ name: "commit", description: "Our own commit rules", argumentHint: "" }]);
    expect(commands.filter((command) => command.name === "greet")).toHaveLength(1);
    expect(service.prepareText(conversation.id, "/commit")).toBe("/commit");
  });

  it("lists a SKILL.md with broken front matter with why and its file, off, and the rest as they were", async () => {
    const { workspace, conversation } = seedConversation(t.repos, project);
    const broken = { badyaml: "name: badyaml\ndescription: [never closed", noname: "description: No name here", badname: "name: My Skill\ndescription: Spaces", nodesc: "name: nodesc" };
    for (const [folder, frontMatter] of Object.entries(broken)) {
      mkdirSync(join(project, ".claude", "skills", folder), { recursive: true });
      writeFileSync(join(project, ".claude", "skills", folder, "SKILL.md"), `---\n${frontMatter}\n---\nDo ${folder}.\n`);
    }
    const byId = new Map(service.list(workspace.id).map((skill) => [skill.id, skill]));
    const problemOf = (folder: string) => {
      const skill = byId.get(`project-skill:${folder}`);
      expect(skill, folder).toMatchObject({ isEnabled: false, path: join(project, ".claude", "skills", folder, "SKILL.md") });
      return skill?.problem;
    };
    expect(problemOf("badyaml")).toMatch(/not valid YAML/);
    expect(byId.get("project-skill:badyaml")?.description).toBe("Do badyaml.");
    expect(problemOf("noname")).toBe('The front matter has no name: add "name: noname".');
    expect(problemOf("badname")).toMatch(/"My Skill" is not a skill name/);
    expect(problemOf("nodesc")).toMatch(/no description/);
    expect(byId.get("user-skill:notes")).toMatchObject({ isEnabled: true, problem: null });
    expect(byId.get("builtin:tdd")).toMatchObject({ isEnabled: true, problem: null });
    const names = (await service.catalog(conversation.id)).commands.map((command) => command.name);
    expect(names).toEqual(expect.arrayContaining(["notes", "tdd", "greet"]));
    expect(names).not.toEqual(expect.arrayContaining(["badyaml"]));
  });

  it("says a project skill overrides the built-in one of its name, and runs what it says: the built-in once the project's is off", async () => {
    const { workspace, conversation } = seedConversation(t.repos, project);
    mkdirSync(join(project, ".claude", "skills", "commit"), { recursive: true });
    writeFileSync(join(project, ".claude", "skills", "commit", "SKILL.md"), "---\nname: commit\ndescription: Our commit style\n---\nCommit our way: $ARGUMENTS\n");
    const find = (id: string) => service.list(workspace.id).find((skill) => skill.id === id);
    expect(find("project-skill:commit")).toMatchObject({ overrides: "builtin:commit", overriddenBy: null, isEnabled: true });
    expect(find("builtin:commit")).toMatchObject({ overrides: null, overriddenBy: "project-skill:commit", isEnabled: true });
    expect(find("builtin:tdd")).toMatchObject({ overrides: null, overriddenBy: null });
    expect(service.prepareText(conversation.id, "/commit now")).toBe("/commit now");
    expect((await service.catalog(conversation.id)).commands.filter((command) => command.name === "commit")).toEqual([{ name: "commit", description: "Our commit style", argumentHint: "" }]);

    service.setEnabled(workspace.id, "project-skill:commit", false);
    expect(find("project-skill:commit")).toMatchObject({ overrides: "builtin:commit", isEnabled: false });
    expect(find("builtin:commit")).toMatchObject({ overriddenBy: null, isEnabled: true });
    expect(service.prepareText(conversation.id, "/commit now")).toMatch(/^\(ChatML skill \/commit\)/);
    expect(service.prepareText(conversation.id, "/commit now")).not.toContain("Commit our way");
    expect((await service.catalog(conversation.id)).commands.find((command) => command.name === "commit")?.description).toBe(find("builtin:commit")?.description);

    service.setEnabled(workspace.id, "builtin:commit", false);
    expect(() => service.assertRunnable(conversation.id, "/commit now")).toThrow(/switched off on the Skills screen/);
    expect((await service.catalog(conversation.id)).commands.map((command) => command.name)).not.toContain("commit");
  });

  it("a custom skill switched off or broken is not run when typed: refused with why, named off for the CLI's model, not offered", async () => {
    const { workspace, conversation } = seedConversation(t.repos, project);
    mkdirSync(join(project, ".claude", "skills", "release"), { recursive: true });
    writeFileSync(join(project, ".claude", "skills", "release", "SKILL.md"), "---\nname: release\ndescription: Releases\n---\nRelease it.\n");
    expect(service.prepareText(conversation.id, "/release now")).toBe("/release now");
    expect(service.launchExtras(conversation.id)).toEqual({ args: ["--settings", JSON.stringify({ skillOverrides: { broken: "off" } })], env: {} });

    service.setEnabled(workspace.id, "project-skill:release", false);
    expect(() => service.assertRunnable(conversation.id, "/release now")).toThrow("/release was not sent: it is switched off on the Skills screen for this workspace. Switch it on there to run it.");
    expect(service.launchExtras(conversation.id)).toEqual({ args: ["--settings", JSON.stringify({ skillOverrides: { broken: "off", release: "off" } })], env: {} });
    expect(service.skillOverrides(conversation.id)).toEqual({ broken: "off", release: "off" });
    expect(service.prepareText(conversation.id, "/release now")).toBe("/release now");
    expect((await service.catalog(conversation.id)).commands.map((command) => command.name)).not.toContain("release");

    expect(() => service.assertRunnable(conversation.id, "/broken")).toThrow(`/broken was not sent: its file is broken (${join(project, ".claude", "commands", "broken.md")}).`);
    expect(() => service.assertRunnable(conversation.id, "/unknown-to-chatml x")).not.toThrow();
    service.setEnabled(workspace.id, "project-skill:release", true);
    expect(service.prepareText(conversation.id, "/release now")).toBe("/release now");
  });

  it("tells the model's Skill call why a skill switched off or broken is not run, at each call, and lets the CLI's own skills through", () => {
    const { workspace, conversation } = seedConversation(t.repos, project);
    mkdirSync(join(project, ".claude", "skills", "release"), { recursive: true });
    writeFileSync(join(project, ".claude", "skills", "release", "SKILL.md"), "---\nname: release\ndescription: Releases\n---\nRelease it.\n");
    expect(service.modelInvocationRefusal(conversation.id, "release")).toBeNull();

    service.setEnabled(workspace.id, "project-skill:release", false);
    expect(service.modelInvocationRefusal(conversation.id, "release")).toBe('The skill "release" was not run: it is switched off on the Skills screen for this workspace. Do not try it again; carry on without it.');
    expect(service.modelInvocationRefusal(conversation.id, "broken")).toMatch(/^The skill "broken" was not run: its file is broken \(.*broken\.md\)\. .+ Do not try it again; carry on without it\.$/);
    expect(service.modelInvocationRefusal(conversation.id, "dataviz")).toBeNull();

    service.setEnabled(workspace.id, "project-skill:release", true);
    expect(service.modelInvocationRefusal(conversation.id, "release")).toBeNull();
  });
});
