import { describe, expect, it } from "vitest";
import pins from "../../e2e/cli-versions.json" with { type: "json" };
import { CliTranslator } from "./translate.ts";
import { cliLines, sequentialIds, transcriptNames } from "./fixtures/load-transcripts.ts";

/*
 * Drift: every message type a recorded CLI wrote must be one the translator knows (handled, or ignored on purpose).
 * A newer CLI that says something new fails here — record its transcripts (e2e/README.md), then teach the translator.
 */

const newest = pins.versions.at(-1) ?? "";

function typesOf(name: string): Set<string> {
  const keys = new Set<string>();
  for (const { msg } of cliLines(name)) keys.add(msg.type === "system" ? `system/${String(msg["subtype"])}` : msg.type);
  return keys;
}

describe("protocol drift", () => {
  it(`has recorded transcripts of the newest pinned CLI (${newest})`, () => {
    expect(transcriptNames().filter((name) => name.endsWith(`.${newest}`)).length).toBeGreaterThanOrEqual(5);
  });

  it.each(transcriptNames())("%s: the translator knows every message type in it", (name) => {
    const translator = new CliTranslator({ ids: sequentialIds(), now: () => 0, transport: "stdio" });
    for (const { msg } of cliLines(name)) translator.translate(msg);
    expect(translator.stats.unknownTypes, `types seen: ${[...typesOf(name)].join(", ")}`).toEqual({});
  });

  it("a type it does not know is counted, logged once and said once in the conversation — never dropped silently", () => {
    const heard: string[] = [];
    const translator = new CliTranslator({ ids: sequentialIds(), now: () => 0, transport: "stdio", onUnknownType: (key) => heard.push(key) });
    const first = translator.translate({ type: "brand_new_thing", x: 1 });
    const again = translator.translate({ type: "brand_new_thing", x: 2 });
    const system = translator.translate({ type: "system", subtype: "brand_new_subtype" });
    expect(first).toMatchObject([{ type: "notice", level: "info", text: expect.stringContaining("brand_new_thing") }]);
    expect(again).toEqual([]);
    expect(system).toMatchObject([{ type: "notice", text: expect.stringContaining("system/brand_new_subtype") }]);
    expect(heard).toEqual(["brand_new_thing", "system/brand_new_subtype"]);
    expect(translator.stats.unknownTypes).toEqual({ brand_new_thing: 2, "system/brand_new_subtype": 1 });
  });
});
