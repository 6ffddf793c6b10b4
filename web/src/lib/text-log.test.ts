import { describe, expect, it } from "vitest";
import { appendToLog, textSince, type TextLog } from "./text-log.ts";

describe("TextLog", () => {
  it("gives the text after a node it has seen, and null for a node of another chain", () => {
    let log: TextLog | null = null;
    const seen: TextLog[] = [];
    for (const delta of ["Hel", "lo", "", " wor", "ld"]) {
      log = appendToLog(log, delta);
      seen.push(log);
    }
    const last = log as TextLog;
    expect(last.length).toBe("Hello world".length);
    expect(textSince(last, null)).toBe("Hello world");
    expect(textSince(last, seen[1] as TextLog)).toBe(" world");
    expect(textSince(last, last)).toBe("");
    expect(textSince(last, appendToLog(null, "Hello"))).toBeNull();
    expect(textSince(seen[0] as TextLog, last)).toBeNull();
  });
});
