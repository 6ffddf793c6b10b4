import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { type FlagSpec, parseFlags } from "./flags.ts";

const OPTIONS: Record<string, FlagSpec> = {
  port: { type: "string" },
  "no-open": { type: "boolean" },
  "trusted-proxy": { type: "string", multiple: true },
  version: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
};

/** What node:util's parseArgs (which parseFlags replaces) answers: its values, or its error message. */
function reference(args: string[]): unknown {
  try {
    return { ...parseArgs({ args, strict: true, allowPositionals: false, options: OPTIONS }).values };
  } catch (error) {
    return (error as Error).message;
  }
}

function ours(args: string[]): unknown {
  try {
    return parseFlags(args, OPTIONS);
  } catch (error) {
    return (error as Error).message;
  }
}

describe("parseFlags answers as node:util's parseArgs did", () => {
  it.each([
    [[]],
    [["--port", "4000", "--no-open"]],
    [["--port=4000"]],
    [["--port="]],
    [["--port", "1", "--port", "2"]],
    [["--trusted-proxy", "10.0.0.1", "--trusted-proxy=10.0.0.2"]],
    [["-v"]],
    [["-h", "--version"]],
    [["-vh"]],
    [["--"]],
    [["--port", "1", "--"]],
    [["--port"]],
    [["--port", "--no-open"]],
    [["--no-open=yes"]],
    [["--bogus"]],
    [["--bogus=1"]],
    [["-x"]],
    [["stray"]],
    [["-"]],
    [["--", "after"]],
  ])("%j", (args) => {
    expect(ours(args)).toEqual(reference(args));
  });

  it("names an unknown letter in a group of short flags", () => {
    expect(ours(["-vx"])).toMatch(/Unknown option '-?x'/);
  });
});
