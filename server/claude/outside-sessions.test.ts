import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listOutsideSessions } from "./outside-sessions.ts";
import { projectDirOf } from "./transcript/transcript-entries.ts";

const FIXTURES = new URL("./fixtures/session-transcripts/", import.meta.url).pathname;
const FOLDER = "/work/project";
const USER_SESSION = "11111111-2222-4333-8444-555555555555";
const ONE_SHOT = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

let claudeDir = "";
beforeEach(() => {
  claudeDir = mkdtempSync(join(tmpdir(), "chatml-outside-"));
  mkdirSync(projectDirOf(claudeDir, FOLDER), { recursive: true });
});
afterEach(() => rmSync(claudeDir, { recursive: true, force: true }));

describe("Claude Code sessions found outside ChatML", () => {
  it("lists the user's own session (a real 2.1.330 transcript) with its first prompt", () => {
    copyFileSync(join(FIXTURES, "bash-turn.v21330.jsonl"), join(projectDirOf(claudeDir, FOLDER), `${USER_SESSION}.jsonl`));
    const [session] = listOutsideSessions(claudeDir, FOLDER);
    expect(session).toMatchObject({ id: USER_SESSION, folder: FOLDER, title: "@@bash please" });
  });

  it("leaves out ChatML's own one-shot calls (titles, summaries, …) written before they stopped saving transcripts", () => {
    const real = readFileSync(join(FIXTURES, "bash-turn.v21330.jsonl"), "utf8");
    // The same transcript, as if its prompt had been one of ChatML's marked one-shot prompts.
    writeFileSync(join(projectDirOf(claudeDir, FOLDER), `${ONE_SHOT}.jsonl`), real.replaceAll("@@bash please", "[chatml:title] Name this coding task"));
    copyFileSync(join(FIXTURES, "bash-turn.v21330.jsonl"), join(projectDirOf(claudeDir, FOLDER), `${USER_SESSION}.jsonl`));
    expect(listOutsideSessions(claudeDir, FOLDER).map((s) => s.id)).toEqual([USER_SESSION]);
  });
});
