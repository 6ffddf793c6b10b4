// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Skill } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SkillList } from "./skill-list.tsx";

const skill = (fields: Partial<Skill> & Pick<Skill, "id" | "name" | "source">): Skill => ({
  description: "Does it", argumentHint: "", body: "Do it.", path: null, isEditable: false, isEnabled: true, problem: null, overrides: null, overriddenBy: null, ...fields,
});

isolateDomTests();

describe("SkillList", () => {
  it("says which skill overrides a built-in one and that the built-in is not used, and names a broken skill's file", () => {
    const path = "/repo/.claude/skills/broken/SKILL.md";
    render(
      <SkillList
        skills={[
          skill({ id: "builtin:commit", name: "commit", source: "builtin", overriddenBy: "project-skill:commit" }),
          skill({ id: "project-skill:commit", name: "commit", source: "project-skill", path: "/repo/.claude/skills/commit/SKILL.md", isEditable: true, overrides: "builtin:commit" }),
          skill({ id: "project-skill:broken", name: "broken", source: "project-skill", path, isEditable: true, isEnabled: false, problem: "The front matter has no description." }),
        ]}
        selectedId={null}
        onSelect={() => undefined}
        onToggle={() => undefined}
      />,
    );
    const [builtin, custom, broken] = screen.getAllByTestId("skill-row");
    expect(within(builtin as HTMLElement).getByRole("note").textContent).toBe("Not used: /commit runs the project skill of that name, which overrides it.");
    expect(within(custom as HTMLElement).getByText("overrides the built-in")).toBeTruthy();
    expect(within(custom as HTMLElement).getByRole("note").textContent).toBe("Overrides the built-in /commit: this is what /commit runs.");
    expect(within(broken as HTMLElement).getByRole("note").textContent).toBe(`The front matter has no description. ${path}`);
    expect(within(broken as HTMLElement).getByRole("switch", { name: "Enable /broken" })).toHaveProperty("disabled", true);
    // Two rows named /commit: each one's controls say whose they are, so neither name is said twice.
    expect(within(builtin as HTMLElement).getByRole("button", { name: "Preview /commit (Built-in)" })).toBeTruthy();
    expect(within(custom as HTMLElement).getByRole("switch", { name: "Enable /commit (Project skill)" })).toBeTruthy();
    expect(within(broken as HTMLElement).getByRole("button", { name: "Preview /broken" })).toBeTruthy();
  });
});
