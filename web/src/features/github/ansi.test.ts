import { describe, expect, it } from "vitest";
import { ansiSpans } from "./ansi.ts";

describe("ansiSpans", () => {
  it("keeps colours and bold as classes and drops other escapes", () => {
    expect(ansiSpans("\u001b[31mFAIL\u001b[0m a \u001b[1;32mok\u001b[0m\u001b[2K")).toEqual([
      { text: "FAIL", className: "text-red-600 dark:text-red-400" },
      { text: " a ", className: "" },
      { text: "ok", className: "text-emerald-600 dark:text-emerald-400 font-bold" },
    ]);
    expect(ansiSpans("plain")).toEqual([{ text: "plain", className: "" }]);
  });
});
