// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Workspace } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { routeHash, useNavStore } from "../../stores/nav-store.ts";
import { NewGoalForm } from "./new-goal-form.tsx";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";

const WORKSPACE = { id: "wsp_goalform01", name: "parser", archivedAt: null } as unknown as Workspace;
const GOAL = { id: "gol_goalform01", workspaceId: WORKSPACE.id, title: "Raise coverage", description: "", status: "planning", plan: null };

const title = () => screen.getByRole<HTMLInputElement>("textbox", { name: "Goal" });
const details = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Details (optional)" });

beforeEach(() => {
  useConversationsStore.setState({ workspaces: { [WORKSPACE.id]: WORKSPACE } });
});
isolateDomTests();

describe("NewGoalForm", () => {
  it("keeps a goal being written when the screen is left, and forgets it once the goal is made", async () => {
    render(<NewGoalForm />);
    fireEvent.change(title(), { target: { value: "Raise coverage" } });
    fireEvent.change(details(), { target: { value: "Of the parser, to 90 %, without slowing the suite." } });
    cleanup();
    render(<NewGoalForm />);
    expect(title().value).toBe("Raise coverage");
    expect(details().value).toBe("Of the parser, to 90 %, without slowing the suite.");
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ goal: GOAL })));
    fireEvent.click(screen.getByRole("button", { name: "Plan this goal" }));
    await waitFor(() => expect(useNavStore.getState().hash).toBe(routeHash({ view: "goal", id: GOAL.id })));
    cleanup();
    render(<NewGoalForm />);
    expect(title().value).toBe("");
    expect(details().value).toBe("");
  });

  it("says what planning a goal does before it is pressed: Claude proposes jobs, nothing runs until they are approved", () => {
    render(<NewGoalForm />);
    const form = screen.getByRole("form", { name: "New goal" });
    expect(form.getAttribute("aria-describedby")).toBeTruthy();
    const explanation = document.getElementById(form.getAttribute("aria-describedby")!)!.textContent;
    expect(explanation).toContain("proposes one to five scheduled jobs");
    expect(explanation).toContain("Nothing runs until you approve the plan");
  });
});
