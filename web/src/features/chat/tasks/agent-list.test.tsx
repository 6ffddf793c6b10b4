// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { TaskInfo } from "../../../protocol/conversation-view.ts";
import { AgentList } from "./agent-list.tsx";

afterEach(cleanup);

const task = (taskId: string, status: TaskInfo["status"], isBackground: boolean, summary: string | null = null): TaskInfo => ({
  taskId, toolUseId: null, status, description: `Task ${taskId}`, summary, lastToolName: status === "running" ? "Bash" : null, isBackground,
});

describe("AgentList", () => {
  it("lists running agents first with what they use, marks background ones, and says how finished ones ended", () => {
    render(<AgentList agents={[task("a", "completed", false, "All green"), task("b", "running", true), task("c", "failed", true)]} />);
    expect(screen.getByText(/Agents and background tasks · 1 running/)).toBeTruthy();
    const rows = [...screen.getByRole("list", { name: "Agents and background tasks" }).querySelectorAll("li")];
    expect(rows.map((row) => row.getAttribute("data-status"))).toEqual(["running", "completed", "failed"]);
    expect(rows[0]?.textContent).toBe("●Task busing Bashbackgroundrunning");
    expect(rows[1]?.textContent).toBe("●Task aAll greendone");
    expect(rows[2]?.textContent).toContain("background");
  });

  it("shows nothing when no agent ran", () => {
    const { container } = render(<AgentList agents={[]} />);
    expect(container.textContent).toBe("");
  });
});
