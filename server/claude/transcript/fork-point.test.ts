import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forkPointOf } from "./fork-point.ts";

let dir: string | null = null;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A transcript shaped like 2.1.330's: bookkeeping lines, attachments in the chain, tool results, a cut last line. */
function transcript(): string {
  dir = mkdtempSync(join(tmpdir(), "chatml-fork-point-"));
  const lines = [
    { type: "queue-operation" },
    { type: "user", uuid: "u1", parentUuid: null, message: { content: "first" } },
    { type: "attachment", uuid: "a1", parentUuid: "u1" },
    { type: "assistant", uuid: "r1", parentUuid: "a1", message: { content: [{ type: "tool_use" }] } },
    { type: "user", uuid: "t1", parentUuid: "r1", message: { content: [{ type: "tool_result" }] } },
    { type: "assistant", uuid: "r2", parentUuid: "t1", message: { content: [{ type: "text", text: "done" }] } },
    { type: "user", uuid: "m1", parentUuid: "r2", isMeta: true, message: { content: "<system-reminder>meta</system-reminder>" } },
    { type: "attachment", uuid: "a2", parentUuid: "r2" },
    { type: "user", uuid: "u2", parentUuid: "a2", message: { content: [{ type: "text", text: "second" }] } },
    { type: "user", uuid: "c1", parentUuid: "u2", message: { content: "<command-name>/compact</command-name>" } },
  ];
  const path = join(dir, "s.jsonl");
  writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n{"type":"assistant","uu`);
  return path;
}

describe("the fork point in a CLI transcript", () => {
  it("resumes at the nearest user or assistant entry before the chosen typed prompt", () => {
    const path = transcript();
    expect(forkPointOf(path, 1)).toEqual({ resumeAt: "r2" });
    expect(forkPointOf(path, 0)).toEqual({ resumeAt: null });
  });

  it("says null for a prompt the transcript does not hold yet", () => {
    expect(forkPointOf(transcript(), 2)).toBeNull();
  });
});
