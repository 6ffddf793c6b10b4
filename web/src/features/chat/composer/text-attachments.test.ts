// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { fencedBlock, isImageFile, MAX_TEXT_FILE_BYTES, readTextAttachment } from "./text-attachments.ts";

const file = (parts: BlobPart[], name: string, type = "") => new File(parts, name, { type });

describe("readTextAttachment", () => {
  it("puts a text file in as a fenced block under its name, tagged with its extension", async () => {
    // Chromium calls a .ts file an MPEG transport stream: the bytes decide, not the type.
    expect(await readTextAttachment(file(["export const x = 1;\r\n"], "x.ts", "video/mp2t"))).toEqual({ kind: "text", block: "`x.ts`\n```ts\nexport const x = 1;\n```" });
    expect(await readTextAttachment(file(["just words"], "notes.txt", "text/plain"))).toEqual({ kind: "text", block: "`notes.txt`\n```\njust words\n```" });
  });

  it("fences a Markdown file's own code blocks inside a longer fence, so they do not end it", async () => {
    const md = "# Title\n\n```sh\nls\n```\n";
    const result = await readTextAttachment(file([md], "README.md", "text/markdown"));
    expect(result).toEqual({ kind: "text", block: "`README.md`\n````md\n# Title\n\n```sh\nls\n```\n````" });
  });

  it("refuses a binary file, saying why and what to do instead", async () => {
    const pdf = file([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe])], "spec.pdf", "application/pdf");
    const result = await readTextAttachment(pdf);
    expect(result.kind).toBe("refused");
    expect(result.kind === "refused" && result.reason).toMatch(/^spec\.pdf is not text, nor a PNG, JPEG, GIF or WebP image: its contents are binary/);
    // Invalid UTF-8 without a NUL is binary too.
    expect((await readTextAttachment(file([new Uint8Array([0x61, 0xc3, 0x28])], "latin.bin"))).kind).toBe("refused");
  });

  it("refuses a text file over the limit without reading it, naming its size and the limit", async () => {
    const big = file(["a".repeat(MAX_TEXT_FILE_BYTES + 1)], "dump.log", "text/plain");
    expect(await readTextAttachment(big)).toEqual({ kind: "refused", reason: expect.stringMatching(/^dump\.log is 201 KB: a text file goes into the message whole, up to 200 KB\./) });
  });

  it("says an empty file added nothing", async () => {
    expect(await readTextAttachment(file(["\n  \n"], "empty.txt", "text/plain"))).toEqual({ kind: "refused", reason: "empty.txt is empty: nothing was added." });
  });
});

describe("isImageFile", () => {
  it("sends images to the attachments, but an SVG (text) into the message", () => {
    expect(isImageFile(file([""], "a.png", "image/png"))).toBe(true);
    expect(isImageFile(file([""], "a.bmp", "image/bmp"))).toBe(true);
    expect(isImageFile(file([""], "a.svg", "image/svg+xml"))).toBe(false);
    expect(isImageFile(file([""], "a.json", "application/json"))).toBe(false);
  });
});

describe("fencedBlock", () => {
  it("keeps the text's last line and leaves no empty line before the closing fence", () => {
    expect(fencedBlock("a", "one\ntwo\n")).toBe("`a`\n```\none\ntwo\n```");
  });
});
