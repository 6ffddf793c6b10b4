import { describe, expect, it } from "vitest";
import type { BlobId } from "../../../shared/ids.ts";
import type { Message, Part } from "../../../shared/protocol/model.ts";
import { buildSessionRecap, isLostSessionExit, isLostSessionResult } from "./lost-session.ts";

/** A part without its id, for each kind of part. */
type PartInput = Part extends infer Each ? (Each extends Part ? Omit<Each, "id"> : never) : never;

let counter = 0;
function message(role: "user" | "assistant", parts: PartInput[], parentToolUseId: string | null = null): Message {
  counter += 1;
  return {
    id: `msg_${counter}` as Message["id"],
    role,
    parentToolUseId,
    model: null,
    createdAt: counter,
    parts: parts.map((part, index) => ({ ...part, id: `prt_${counter}_${index}` }) as Part),
  };
}

describe("buildSessionRecap", () => {
  it("is empty when there is nothing to recap", () => {
    expect(buildSessionRecap([])).toBe("");
    expect(buildSessionRecap([message("assistant", [{ kind: "thinking", text: "hmm" }])])).toBe("");
  });

  it("tells the turns oldest first, tools in one line with their result, without thinking or sub-agents", () => {
    const recap = buildSessionRecap([
      message("user", [{ kind: "text", text: "The secret word is PINEAPPLE." }, { kind: "image", blobId: "blb_1" as BlobId, mediaType: "image/png" }]),
      message("assistant", [
        { kind: "thinking", text: "private" },
        { kind: "tool", toolUseId: "t1", name: "Bash", input: { command: "ls" }, status: "completed", result: { text: "a.txt", isError: false, isTruncated: false }, startedAt: 1, endedAt: 2 },
        { kind: "text", text: "Noted." },
      ]),
      message("assistant", [{ kind: "text", text: "sub-agent chatter" }], "t9"),
    ]);
    expect(recap).toBe(
      [
        "<earlier-conversation>",
        "Claude Code lost its saved session, so ChatML restores the conversation so far from its own history:",
        "",
        "User:\nThe secret word is PINEAPPLE.\n[an image]",
        "",
        'Assistant:\n[tool Bash {"command":"ls"}] → a.txt\nNoted.',
        "</earlier-conversation>",
        "",
        "",
      ].join("\n"),
    );
  });

  it("keeps the newest turns when the history is longer than the limit", () => {
    const messages = Array.from({ length: 50 }, (_, index) => message(index % 2 ? "assistant" : "user", [{ kind: "text", text: `turn ${index} ${"x".repeat(100)}` }]));
    const recap = buildSessionRecap(messages, 1_000);
    expect(recap).toContain("[…earlier turns left out…]");
    expect(recap).toContain("turn 49");
    expect(recap).not.toContain("turn 0 ");
    expect(recap.length).toBeLessThan(1_300);
  });

  it("marks a failed tool's result as an error", () => {
    const recap = buildSessionRecap([
      message("assistant", [{ kind: "tool", toolUseId: "t1", name: "Read", input: {}, status: "failed", result: { text: "ENOENT", isError: true, isTruncated: false }, startedAt: 1, endedAt: 2 }]),
    ]);
    expect(recap).toContain("[tool Read {}] → error: ENOENT");
  });
});

describe("lost session detection", () => {
  const said = "No conversation found with session ID: 3f1c0a2e-1111-4222-8333-444455556666";

  it("recognises the exit and the error result both pinned CLIs give", () => {
    expect(isLostSessionExit({ code: 1, signal: null, stderrTail: `${said}\n` })).toBe(true);
    expect(isLostSessionExit({ code: 1, signal: null, stderrTail: "Error: no credentials\n" })).toBe(false);
    expect(isLostSessionResult({ type: "result", subtype: "error_during_execution", is_error: true, errors: [said] })).toBe(true);
    expect(isLostSessionResult({ type: "result", subtype: "error_during_execution", is_error: true, errors: ["API Error: 500"] })).toBe(false);
    expect(isLostSessionResult({ type: "assistant", errors: [said] })).toBe(false);
  });
});
