import { describe, expect, it } from "vitest";
import { bashExit } from "./bash-details.tsx";
import { lineCount } from "./file-details.tsx";

describe("bashExit", () => {
  it("says the exit code the CLI reported, not 'exit: error'", () => {
    expect(bashExit("Exit code 2\nls: cannot access 'x'", undefined, true)).toEqual({ label: "exit 2", isProblem: true });
    expect(bashExit("ok", { interrupted: false }, false)).toEqual({ label: "exit 0", isProblem: false });
  });

  it("calls a command the user stopped 'interrupted', not a failure", () => {
    expect(bashExit("Exit code 137\n[Request interrupted by user for tool use]", undefined, true)).toEqual({ label: "interrupted", isProblem: false });
    expect(bashExit("", { interrupted: true }, false)).toEqual({ label: "interrupted", isProblem: false });
  });

  it("calls a denied command 'did not run'", () => {
    expect(bashExit("The user doesn't want to proceed with this tool use.", undefined, true)).toEqual({ label: "did not run", isProblem: false });
  });
});

describe("lineCount", () => {
  it("counts a one-line file with its newline as one line", () => {
    expect(lineCount("hello\n")).toBe("1 line");
    expect(lineCount("a\nb")).toBe("2 lines");
    expect(lineCount("")).toBe("0 lines");
  });
});
