import { describe, expect, it } from "vitest";
import type { MalformedLineInfo } from "./contracts.ts";
import { NdjsonFramer, parseCliLine } from "./framer.ts";

function collect(maxLineLength?: number) {
  const lines: string[] = [];
  const malformed: MalformedLineInfo[] = [];
  const framer = new NdjsonFramer({ onLine: (l) => lines.push(l), onMalformed: (i) => malformed.push(i) }, maxLineLength);
  return { framer, lines, malformed };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("NdjsonFramer", () => {
  it("joins partial chunks into lines", () => {
    const { framer, lines } = collect();
    expect(framer.push('{"type":"a",')).toBe(0);
    expect(framer.push('"x":1}\n{"ty')).toBe(1);
    expect(lines).toEqual(['{"type":"a","x":1}']);
    expect(framer.push('pe":"b"}\n\n\n')).toBe(1);
    expect(lines).toEqual(['{"type":"a","x":1}', '{"type":"b"}']);
  });

  it("decodes multi-byte UTF-8 split across chunks", () => {
    const { framer, lines } = collect();
    const encoded = bytes('{"type":"t","text":"é€😀"}\n');
    for (const byte of encoded) framer.push(new Uint8Array([byte]));
    expect(lines).toEqual(['{"type":"t","text":"é€😀"}']);
  });

  it("strips CR of CRLF and skips blank lines", () => {
    const { framer, lines } = collect();
    framer.push(bytes('{"type":"a"}\r\n\r\n\n   \n{"type":"b"}\r'));
    framer.push(bytes("\n"));
    expect(lines).toEqual(['{"type":"a"}', '{"type":"b"}']);
  });

  it("delivers a last line without newline on end()", () => {
    const { framer, lines } = collect();
    framer.push('{"type":"a"}\n{"type":"b"}');
    expect(lines).toHaveLength(1);
    framer.end();
    expect(lines).toEqual(['{"type":"a"}', '{"type":"b"}']);
  });

  it("passes a 20 MB line intact from 64 KB chunks", () => {
    const { framer, lines } = collect();
    const payload = "x".repeat(20 * 1024 * 1024);
    const encoded = bytes(`{"type":"big","payload":"${payload}"}\n{"type":"after"}\n`);
    for (let at = 0; at < encoded.length; at += 65_536) framer.push(encoded.subarray(at, at + 65_536));
    expect(lines).toHaveLength(2);
    const parsed = parseCliLine(lines[0] as string);
    expect(parsed.ok && parsed.message.payload === payload).toBe(true);
  });

  it("drops an oversize line, reports it, and resyncs at the next newline", () => {
    const { framer, lines, malformed } = collect(1_000);
    framer.push('{"type":"ok"}\n{"type":"huge","p":"');
    for (let i = 0; i < 10; i += 1) framer.push("y".repeat(500));
    framer.push('"}\n{"type":"next"}\n');
    expect(lines).toEqual(['{"type":"ok"}', '{"type":"next"}']);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]?.length).toBe(5_000 + '{"type":"huge","p":""}'.length);
    expect(malformed[0]?.preview.startsWith('{"type":"huge","p":"yyy')).toBe(true);
    expect(malformed[0]?.preview).toHaveLength(200);
  });

  it("reports an oversize last line on end()", () => {
    const { framer, malformed } = collect(10);
    framer.push("z".repeat(50));
    framer.end();
    expect(malformed.map((m) => m.length)).toEqual([50]);
  });

  it("frames bytes: lines within one chunk, a line across chunks, CRLF, blank lines and a last line on end()", () => {
    const { framer, lines } = collect();
    expect(framer.push(bytes('{"type":"a"}\r\n\n  \r\n{"type":"b","t":"caf'))).toBe(1);
    expect(framer.push(bytes('é"}\n{"type":"c"}\n{"type":"d"}'))).toBe(2);
    expect(framer.end()).toBe(1);
    expect(lines).toEqual(['{"type":"a"}', '{"type":"b","t":"café"}', '{"type":"c"}', '{"type":"d"}']);
  });

  it("keeps the rest of a chunk when the caller reuses its buffer", () => {
    const { framer, lines } = collect();
    const buffer = bytes('{"type":"a"}\n{"type":');
    framer.push(buffer);
    buffer.fill(0x20);
    framer.push(bytes('"b"}\n'));
    expect(lines).toEqual(['{"type":"a"}', '{"type":"b"}']);
  });

  it("joins a line begun as text and ended as bytes, and one begun as bytes and ended as text", () => {
    const { framer, lines } = collect();
    framer.push('{"type":"a","t":"');
    framer.push(bytes('€"}\n{"type":"b","t":"'));
    framer.push(bytes("é").subarray(0, 1));
    framer.push(bytes("é").subarray(1));
    framer.push('x"}\n');
    expect(lines).toEqual(['{"type":"a","t":"€"}', '{"type":"b","t":"éx"}']);
  });

  it("drops an oversize line of bytes, whole in one chunk or spread over many, and resyncs", () => {
    const { framer, lines, malformed } = collect(1_000);
    framer.push(bytes(`{"type":"ok"}\n{"type":"huge","p":"${"y".repeat(2_000)}"}\n{"type":"spread","p":"`));
    for (let i = 0; i < 10; i += 1) framer.push(bytes("z".repeat(500)));
    framer.push(bytes('"}\n{"type":"next"}\n'));
    expect(lines).toEqual(['{"type":"ok"}', '{"type":"next"}']);
    expect(malformed.map((m) => m.length)).toEqual([2_000 + '{"type":"huge","p":""}'.length, 5_000 + '{"type":"spread","p":""}'.length]);
    expect(malformed[0]?.preview).toBe(`{"type":"huge","p":"${"y".repeat(180)}`);
    expect(malformed[1]?.preview).toBe(`{"type":"spread","p":"${"z".repeat(178)}`);
  });

  it("turns binary garbage into lines that fail to parse, without stopping", () => {
    const { framer, lines } = collect();
    framer.push(new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x0a]));
    framer.push(bytes('{"type":"ok"}\n'));
    expect(lines).toHaveLength(2);
    expect(parseCliLine(lines[0] as string).ok).toBe(false);
    expect(parseCliLine(lines[1] as string).ok).toBe(true);
  });
});

describe("parseCliLine", () => {
  it("accepts an object with a string type", () => {
    expect(parseCliLine('{"type":"system","subtype":"init"}')).toEqual({
      ok: true,
      message: { type: "system", subtype: "init" },
    });
  });

  it.each([
    ["not json", /invalid JSON/],
    ["[1,2]", /not a JSON object/],
    ["null", /not a JSON object/],
    ['"str"', /not a JSON object/],
    ['{"type":3}', /type/],
    ['{"no":"type"}', /type/],
  ])("rejects %s", (line, reason) => {
    const parsed = parseCliLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.info.reason).toMatch(reason);
      expect(parsed.info.length).toBe(line.length);
    }
  });

  it("previews the first 200 characters", () => {
    const parsed = parseCliLine("g".repeat(1_000));
    expect(parsed.ok ? null : parsed.info.preview).toBe("g".repeat(200));
  });
});
