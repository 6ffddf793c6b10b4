import { describe, expect, it } from "vitest";
import { SaveSkillInput } from "./skills-inputs.ts";

const input = { workspaceId: "wsp_skillinput01", scope: "project", name: "ship", body: "Release it." };

describe("SaveSkillInput", () => {
  it("refuses a skill without a description (its SKILL.md would be listed as broken), and takes a command without one", () => {
    const skill = SaveSkillInput.safeParse({ ...input, kind: "skill", description: "  " });
    expect(skill.success).toBe(false);
    expect(skill.error?.issues).toEqual([expect.objectContaining({ path: ["description"], message: expect.stringMatching(/a skill needs a description/) })]);
    expect(SaveSkillInput.safeParse({ ...input, kind: "skill", description: "Ships a release" }).success).toBe(true);
    expect(SaveSkillInput.safeParse({ ...input, kind: "command" }).success).toBe(true);
  });
});
