import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOneShot, ONE_SHOT_SYSTEM_PROMPT } from "../server/core/one-shots/one-shot-cli.ts";
import { cliBinPath, cliEnv, installedCliVersions, startFakeApi, tempDir, type FakeApi } from "./harness/index.ts";

/** Titles, summaries and drafts: what a one-shot call really sends to the API, on each pinned CLI. */
describe.each(installedCliVersions())("one-shot calls on the real CLI %s", (version) => {
  let api: FakeApi;
  beforeAll(() => {
    api = startFakeApi({ port: 0 });
  });
  afterAll(() => api.stop());

  it("sends the minimal system prompt (not the agent's) and the small model, and answers the text", async () => {
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-oneshot-home") });
    const oneShot = createOneShot(async () => cliBinPath(version));
    const answer = await oneShot("[chatml:title] Write a short title.\n\n<request>\nfix the login test\n</request>", { cwd: tempDir("chatml-oneshot"), env, model: "haiku" });
    expect(answer).toBe("Fix the login test");
    const request = api.requests.filter((r) => r.path.startsWith("/v1/messages")).at(-1);
    const body = request?.body as { model: string; system?: string | { text?: string }[] };
    expect(body.model).toMatch(/haiku/);
    const system = typeof body.system === "string" ? body.system : (body.system ?? []).map((block) => block.text ?? "").join("\n");
    expect(system).toContain(ONE_SHOT_SYSTEM_PROMPT);
    expect(system.length).toBeLessThan(2_000);
  });
});
