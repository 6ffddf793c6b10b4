// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Skill } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SkillPreview } from "./skill-preview.tsx";

isolateDomTests();

const skill: Skill = {
  id: "project-skill:lint-fix",
  name: "lint-fix",
  source: "project-skill",
  path: "/repo/.claude/skills/lint-fix/SKILL.md",
  isEditable: true,
  description: "Fix lint errors in the changed files",
  argumentHint: "<path>",
  body: "Run the linter on $ARGUMENTS.",
  problem: null,
  isEnabled: true,
  overrides: null,
  overriddenBy: null,
};

describe("SkillPreview", () => {
  it("shows the description Claude reads to decide when to use the skill, and the name with its argument hint", () => {
    render(<SkillPreview skill={skill} onEdit={() => undefined} onDelete={async () => undefined} onClose={() => undefined} />);
    const preview = screen.getByRole("region", { name: "Preview of /lint-fix" });
    expect(preview.textContent).toContain("Fix lint errors in the changed files");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("/lint-fix <path>");
  });
});
