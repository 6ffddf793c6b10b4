// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SaveMcpServerInput, WorkspaceId } from "../../../../shared/index.ts";
import { McpServerForm } from "./mcp-server-form.tsx";
import { isolateDomTests } from "../../test-support/dom-tests.ts";

const WORKSPACE = "wsp_mcpform001" as WorkspaceId;
const textbox = (name: string) => screen.getByRole<HTMLInputElement>("textbox", { name });
const stored = () => JSON.stringify({ ...localStorage });

isolateDomTests();

function renderForm(onSave: (input: SaveMcpServerInput) => Promise<boolean> = async () => true, onDone = () => undefined) {
  return render(<McpServerForm workspaceId={WORKSPACE} server={null} isBusy={false} onSave={onSave} onDone={onDone} />);
}

/** Waits out the draft's save pause. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("McpServerForm", () => {
  it("keeps a server being added when its screen goes, but never a secret's value", async () => {
    renderForm();
    fireEvent.change(textbox("Server name"), { target: { value: "docs" } });
    fireEvent.change(textbox("Command"), { target: { value: "npx" } });
    fireEvent.click(screen.getByRole("button", { name: "Add variable" }));
    fireEvent.change(textbox("Variable 1 name"), { target: { value: "TOKEN" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Secret" }));
    fireEvent.change(screen.getByLabelText("Variable 1 value"), { target: { value: "s3cret-token" } });
    fireEvent.click(screen.getByRole("button", { name: "Add variable" }));
    fireEvent.change(textbox("Variable 2 name"), { target: { value: "MODE" } });
    fireEvent.change(textbox("Variable 2 value"), { target: { value: "fast" } });
    await settle();
    expect(stored()).toContain("npx");
    expect(stored()).not.toContain("s3cret-token");
    cleanup();
    expect(stored()).not.toContain("s3cret-token");

    const onSave = vi.fn(async () => true);
    const onDone = vi.fn();
    renderForm(onSave, onDone);
    expect(textbox("Server name").value).toBe("docs");
    expect(textbox("Command").value).toBe("npx");
    expect(textbox("Variable 2 value").value).toBe("fast");
    expect(screen.getAllByRole<HTMLInputElement>("checkbox", { name: "Secret" })[0]?.checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>("Variable 1 value").value).toBe("");
    fireEvent.change(screen.getByLabelText("Variable 1 value"), { target: { value: "typed-again" } });
    fireEvent.click(screen.getByRole("button", { name: "Save server" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ name: "docs", command: "npx", env: [{ key: "TOKEN", isSecret: true, value: "typed-again" }, { key: "MODE", isSecret: false, value: "fast" }] }));
    cleanup();
    expect(localStorage.length).toBe(0);
  });

  it("moves a value typed before it was marked secret out of storage, keeps the draft when the save fails, and Cancel drops it", async () => {
    renderForm(async () => false);
    fireEvent.change(textbox("Server name"), { target: { value: "docs" } });
    fireEvent.click(screen.getByRole("button", { name: "Add variable" }));
    fireEvent.change(textbox("Variable 1 value"), { target: { value: "typed-first" } });
    await settle();
    expect(stored()).toContain("typed-first");
    fireEvent.click(screen.getByRole("checkbox", { name: "Secret" }));
    await settle();
    expect(stored()).not.toContain("typed-first");
    expect(screen.getByLabelText<HTMLInputElement>("Variable 1 value").value).toBe("typed-first");
    fireEvent.click(screen.getByRole("button", { name: "Save server" }));
    await settle();
    expect(stored()).toContain("docs");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    cleanup();
    expect(localStorage.length).toBe(0);
  });
});
