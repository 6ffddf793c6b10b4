// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Skill, WorkspaceId } from "../../../../shared/index.ts";
import { SkillEditor } from "./skill-editor.tsx";
import { isolateDomTests } from "../../test-support/dom-tests.ts";

const WORKSPACE = "wsp_skilledit1" as WorkspaceId;
const SKILL = {
  id: "project-command:ship", name: "ship", source: "project-command", description: "Ships a release", argumentHint: "<version>", body: "Tag $ARGUMENTS and push it.",
  path: "/repo/.claude/commands/ship.md", isEditable: true, isEnabled: true, problem: null,
} as Skill;

const instructions = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Instructions" });

isolateDomTests();

describe("SkillEditor", () => {
  it("keeps a skill being written when its screen goes, and forgets it once saved", async () => {
    const onSave = vi.fn(async () => SKILL);
    render(<SkillEditor workspaceId={WORKSPACE} editing={null} onSave={onSave} onDone={() => undefined} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), { target: { value: "ship" } });
    fireEvent.change(instructions(), { target: { value: "Tag $ARGUMENTS, write the changelog and push it." } });
    cleanup();
    render(<SkillEditor workspaceId={WORKSPACE} editing={null} onSave={onSave} onDone={() => undefined} />);
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Name" }).value).toBe("ship");
    expect(instructions().value).toBe("Tag $ARGUMENTS, write the changelog and push it.");
    const onDone = vi.fn();
    cleanup();
    render(<SkillEditor workspaceId={WORKSPACE} editing={null} onSave={onSave} onDone={onDone} />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(SKILL));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ name: "ship", body: "Tag $ARGUMENTS, write the changelog and push it." }));
    cleanup();
    render(<SkillEditor workspaceId={WORKSPACE} editing={null} onSave={onSave} onDone={() => undefined} />);
    expect(instructions().value).toBe("");
  });

  it("keeps an edit only for the text it was started from, and keeps it when the save fails", async () => {
    const failing = vi.fn(async () => Promise.reject(new Error("The file changed on disk.")));
    render(<SkillEditor workspaceId={WORKSPACE} editing={SKILL} onSave={failing} onDone={() => undefined} />);
    fireEvent.change(instructions(), { target: { value: "Tag $ARGUMENTS and push it to origin." } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("The file changed on disk.");
    cleanup();
    render(<SkillEditor workspaceId={WORKSPACE} editing={SKILL} onSave={failing} onDone={() => undefined} />);
    expect(instructions().value).toBe("Tag $ARGUMENTS and push it to origin.");
    cleanup();
    render(<SkillEditor workspaceId={WORKSPACE} editing={{ ...SKILL, body: "Tag $ARGUMENTS." }} onSave={failing} onDone={() => undefined} />);
    expect(instructions().value).toBe("Tag $ARGUMENTS.");
  });
});
