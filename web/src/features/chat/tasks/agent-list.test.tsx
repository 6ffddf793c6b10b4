// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
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

  it("offers Stop on running background tasks only, says Stopping… while asked, and shows a refusal", () => {
    const asked: string[] = [];
    const stopper = { stop: (id: string) => void asked.push(id), stopping: new Set<string>(), error: null };
    const agents = [task("a", "running", true), task("b", "running", false), task("c", "completed", true)];
    const { rerender } = render(<AgentList agents={agents} stopper={stopper} />);
    expect(screen.getAllByRole("button").map((b) => b.getAttribute("aria-label"))).toEqual(["Stop Task a"]);
    fireEvent.click(screen.getByRole("button", { name: "Stop Task a" }));
    expect(asked).toEqual(["a"]);
    rerender(<AgentList agents={agents} stopper={{ ...stopper, stopping: new Set(["a"]), error: "Claude Code refused stop_task: no such task" }} />);
    const button = screen.getByRole("button", { name: "Stop Task a" }) as HTMLButtonElement;
    expect([button.textContent, button.disabled]).toEqual(["Stopping…", true]);
    expect(screen.getByRole("alert").textContent).toBe("Claude Code refused stop_task: no such task");
  });

  it("shows nothing when no agent ran", () => {
    const { container } = render(<AgentList agents={[]} />);
    expect(container.textContent).toBe("");
  });
});
