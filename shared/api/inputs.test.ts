import { describe, expect, it } from "vitest";
import { imageTypeOf, SendMessageInput, StartInteractiveClaudeInput } from "./inputs.ts";

describe("StartInteractiveClaudeInput", () => {
  it("takes a Claude Code session id to resume, and refuses one that the CLI would read as a flag", () => {
    expect(StartInteractiveClaudeInput.parse({ resumeSessionId: "0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a11" }).resumeSessionId).toBe("0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a11");
    expect(StartInteractiveClaudeInput.safeParse({ resumeSessionId: "--dangerously-skip-permissions" }).error?.issues[0]?.message).toBe("a Claude Code session id (letters, digits and dashes)");
  });

  it("takes an effort level for the conversation it makes, and refuses one beside a given conversation (that one runs at its own)", () => {
    expect(StartInteractiveClaudeInput.parse({ effort: "high" }).effort).toBe("high");
    expect(StartInteractiveClaudeInput.safeParse({ effort: "high", conversationId: "cnv_effort0001" }).error?.issues[0]).toMatchObject({ path: ["effort"], message: "effort is for a new conversation: a given conversation's TUI runs at that conversation's own level" });
  });
});

describe("ImageInput", () => {
  const base64 = (bytes: number[] | string) => Buffer.from(typeof bytes === "string" ? bytes : Uint8Array.from(bytes)).toString("base64");
  const png = base64([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const jpeg = base64([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  const gif = base64("GIF89a\x01\x00\x01\x00");
  const webp = base64("RIFF\x24\x00\x00\x00WEBPVP8 ");

  it("knows each format Claude reads by its first bytes", () => {
    expect([png, jpeg, gif, webp].map(imageTypeOf)).toEqual(["image/png", "image/jpeg", "image/gif", "image/webp"]);
  });

  it("sends what the bytes are when the file's name said otherwise (a JPEG saved as .png)", () => {
    expect(SendMessageInput.parse({ commandId: "cmd-image-1", text: "", images: [{ mediaType: "image/png", data: jpeg }] }).images[0]?.mediaType).toBe("image/jpeg");
  });

  it("refuses bytes that are no image, in words, before they reach the conversation", () => {
    for (const data of [base64("hello, I am a text file renamed to .png"), base64([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63]), "!!not base64!!"]) {
      const result = SendMessageInput.safeParse({ commandId: "cmd-image-2", text: "look", images: [{ mediaType: "image/png", data }] });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["images.0", "is not a PNG, JPEG, GIF or WebP image (its bytes are none of these)"]]);
    }
  });
});
