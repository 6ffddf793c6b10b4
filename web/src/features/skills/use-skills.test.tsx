// @vitest-environment jsdom
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Skill, WorkspaceId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useSkills } from "./use-skills.ts";

isolateDomTests();

const skill = (name: string): Skill => ({ id: `project-command:${name}`, name, source: "project-command", path: null, isEditable: true, description: "", argumentHint: "", body: "Do it.", problem: null, isEnabled: true, overrides: null, overriddenBy: null });

describe("useSkills", () => {
  it("shows the workspace picked last, never the list of the one picked before it when that answers late", async () => {
    const answers = new Map<string, (response: Response) => void>();
    vi.stubGlobal("fetch", vi.fn((input: RequestInfo | URL) => new Promise<Response>((resolve) => answers.set(new URL(String(input), "http://x").searchParams.get("workspaceId") ?? "", resolve))));
    const seen: (string[] | null)[] = [];
    const view = renderHook(({ id }) => {
      const state = useSkills(id);
      seen.push(state.skills?.map((s) => s.name) ?? null);
      return state;
    }, { initialProps: { id: "wsp_skillsfirst01" as WorkspaceId } });
    await waitFor(() => expect(answers.has("wsp_skillsfirst01")).toBe(true));
    view.rerender({ id: "wsp_skillssecond1" as WorkspaceId });
    await waitFor(() => expect(answers.has("wsp_skillssecond1")).toBe(true));
    // The first workspace's list answers (and is read) while the second's is still on its way.
    const late = jsonResponse({ skills: [skill("first")] });
    answers.get("wsp_skillsfirst01")?.(late);
    await waitFor(() => expect(late.bodyUsed).toBe(true));
    expect(view.result.current.skills).toBeNull();
    answers.get("wsp_skillssecond1")?.(jsonResponse({ skills: [skill("second")] }));
    await waitFor(() => expect(view.result.current.skills?.map((s) => s.name)).toEqual(["second"]));
    expect(seen).not.toContainEqual(["first"]);
  });
});
