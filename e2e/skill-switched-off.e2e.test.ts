import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message, Part } from "../shared/index.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { cliBinPath, cliEnv, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

type ToolPart = Extract<Part, { kind: "tool" }>;

/**
 * A skill switched off on the Skills screen while a conversation's CLI runs: the model's next Skill call for it is
 * refused by that same process (ChatML's PreToolUse hook reads the switch at each call), and runs again once it is
 * switched back on — on the oldest and the newest pinned CLI (ADR 0087b).
 */
describe.each(["2.1.119", "2.1.332"])("a skill switched off while the real CLI %s runs", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-skills-home") });
    server = await startChatml({ dataDir: tempDir("chatml-skills-data"), claudeBin: cliBinPath(version), env });
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  it("is refused to the model by the running process, with why, and runs again once switched on", async () => {
    const repo = await makeTempRepo("chatml-skills-repo-");
    mkdirSync(join(repo, ".claude", "skills", "greet"), { recursive: true });
    writeFileSync(join(repo, ".claude", "skills", "greet", "SKILL.md"), "---\nname: greet\ndescription: Say a greeting\n---\nSay hello warmly.\n");
    const { id, sessionId } = await client.startInFolder(repo);
    const { session } = await client.api<{ session: { workspaceId: string } }>(`/api/sessions/${sessionId}`);
    const switchGreet = (isEnabled: boolean) => client.api("/api/skills/enabled", { body: { workspaceId: session.workspaceId, skillId: "project-skill:greet", isEnabled } });
    await client.connect([id]);
    const launches = () => client.list(id).filter((event) => event.type === "cli.capabilities.listed" || event.type === "process.exited").length;
    const lastSkillCall = async () => {
      const { messages } = await client.api<{ messages: Message[] }>(`/api/conversations/${id}/messages`);
      return messages.flatMap((message) => message.parts).filter((part): part is ToolPart => part.kind === "tool" && part.name === "Skill").at(-1);
    };

    await client.turnAllowingAll(id, "Greet me @@skill:greet");
    expect(await lastSkillCall()).toMatchObject({ status: "completed", input: { skill: "greet" } });
    const launchesBefore = launches();

    await switchGreet(false);
    await client.turnAllowingAll(id, "Greet me again @@skill:greet");
    const refused = await lastSkillCall();
    expect(refused?.status).toBe("failed");
    expect(refused?.result?.text).toContain('The skill "greet" was not run: it is switched off on the Skills screen for this workspace.');

    await switchGreet(true);
    await client.turnAllowingAll(id, "And once more @@skill:greet");
    expect(await lastSkillCall()).toMatchObject({ status: "completed" });
    // One process all along: the switch reached the CLI that was running, not a relaunched one.
    expect(launches()).toBe(launchesBefore);
  });
});
