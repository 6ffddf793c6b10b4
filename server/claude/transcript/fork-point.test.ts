import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { promptUuidOf } from "../prompt-uuid.ts";
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
    // A prompt sent while a tool ran, folded into the running turn: no typed-prompt entry of its own.
    { type: "assistant", uuid: "r3", parentUuid: "c1", message: { content: [{ type: "tool_use" }] } },
    { type: "user", uuid: "t3", parentUuid: "r3", message: { content: [{ type: "tool_result" }] } },
    { type: "attachment", uuid: "q1", parentUuid: "t3", attachment: { type: "queued_command", prompt: "third", source_uuid: "u3" } },
    { type: "assistant", uuid: "r4", parentUuid: "q1", message: { content: [{ type: "text", text: "both" }] } },
    { type: "user", uuid: "u4", parentUuid: "r4", message: { content: "fourth" } },
  ];
  const path = join(dir, "s.jsonl");
  writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n{"type":"assistant","uu`);
  return path;
}

const SENT = ["u1", "u2", "u3", "u4"];
const target = (index: number, uuids: string[] = SENT) => ({ uuid: uuids[index] ?? "u-new", before: uuids.slice(0, index), after: uuids.slice(index + 1), promptIndex: index });

describe("the fork point in a CLI transcript", () => {
  it("resumes at the nearest user or assistant entry before the prompt ChatML sent with that uuid", () => {
    const path = transcript();
    expect(forkPointOf(path, target(1))).toEqual({ resumeAt: "r2" });
    expect(forkPointOf(path, target(0))).toEqual({ resumeAt: null });
    expect(forkPointOf(path, target(3))).toEqual({ resumeAt: "r4" });
  });

  it("finds a prompt the CLI folded into a running turn by its queued_command attachment, so later ones are not one off", () => {
    const path = transcript();
    expect(forkPointOf(path, target(2))).toEqual({ resumeAt: "t3" });
    // Counting typed prompts (what older builds' random uuids leave) puts the third prompt at u4.
    expect(forkPointOf(path, target(2, ["x1", "x2", "x3", "x4"]))).toEqual({ resumeAt: "r4" });
  });

  it("says null for a prompt the transcript does not hold yet", () => {
    expect(forkPointOf(transcript(), target(4))).toBeNull();
    expect(forkPointOf(transcript(), target(4, ["x1", "x2", "x3", "x4", "x5"]))).toBeNull();
  });
});

describe("the uuid a prompt is sent with", () => {
  it("is a UUID the same for the same message and different for another", () => {
    expect(promptUuidOf("msg_a")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(promptUuidOf("msg_a")).toBe(promptUuidOf("msg_a"));
    expect(promptUuidOf("msg_b")).not.toBe(promptUuidOf("msg_a"));
  });
});
