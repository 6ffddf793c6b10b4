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
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Secret: variable 1" }).checked).toBe(true);
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
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Secret: variable 1" }).checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>("Variable 1 value").value).toBe("");
    fireEvent.change(screen.getByLabelText("Variable 1 value"), { target: { value: "typed-again" } });
    fireEvent.click(screen.getByRole("button", { name: "Save server" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ name: "docs", command: "npx", env: [{ key: "TOKEN", isSecret: true, value: "typed-again" }, { key: "MODE", isSecret: false, value: "fast" }] }));
    cleanup();
    expect({ ...localStorage }).toEqual({});
  });

  it("moves a value typed before it was marked secret out of storage, keeps the draft when the save fails, and Cancel drops it", async () => {
    renderForm(async () => false);
    fireEvent.change(textbox("Server name"), { target: { value: "docs" } });
    fireEvent.click(screen.getByRole("button", { name: "Add variable" }));
    fireEvent.change(textbox("Variable 1 value"), { target: { value: "typed-first" } });
    await settle();
    expect(stored()).toContain("typed-first");
    fireEvent.click(screen.getByRole("checkbox", { name: "Secret: variable 1" }));
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

  it("makes a row named like a credential secret before its value is typed, until the user says otherwise", async () => {
    renderForm();
    fireEvent.change(textbox("Server name"), { target: { value: "tools" } });
    fireEvent.click(screen.getByRole("button", { name: "Add variable" }));
    fireEvent.change(textbox("Variable 1 name"), { target: { value: "GITHUB_TOKEN" } });
    fireEvent.change(screen.getByLabelText("Variable 1 value"), { target: { value: "ghp_never-stored" } });
    fireEvent.click(screen.getByRole("button", { name: "Add variable" }));
    fireEvent.change(textbox("Variable 2 name"), { target: { value: "PATH" } });
    fireEvent.change(textbox("Variable 2 value"), { target: { value: "/opt/bin" } });
    await settle();
    expect(stored()).not.toContain("ghp_never-stored");
    expect(stored()).toContain("/opt/bin");
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Secret: variable 2" }).checked).toBe(false);

    // Unmarked by the user, it stays so however it is renamed, and its value moves back into the draft.
    fireEvent.click(screen.getByRole("checkbox", { name: "Secret: variable 1" }));
    fireEvent.change(textbox("Variable 1 name"), { target: { value: "GITHUB_TOKEN_HINT" } });
    await settle();
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Secret: variable 1" }).checked).toBe(false);
    expect(textbox("Variable 1 value").value).toBe("ghp_never-stored");
    expect(stored()).toContain("ghp_never-stored");
  });

  it("follows the name while the user has not chosen: a header renamed from Authorization to Accept is not secret", async () => {
    renderForm();
    fireEvent.change(screen.getByRole("combobox", { name: "Server type" }), { target: { value: "http" } });
    fireEvent.click(screen.getByRole("button", { name: "Add header" }));
    fireEvent.change(textbox("Header 1 name"), { target: { value: "Authorization" } });
    fireEvent.change(screen.getByLabelText("Header 1 value"), { target: { value: "application/json" } });
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Secret: header 1" }).checked).toBe(true);
    fireEvent.change(textbox("Header 1 name"), { target: { value: "Accept" } });
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Secret: header 1" }).checked).toBe(false);
    expect(textbox("Header 1 value").value).toBe("application/json");
  });
});

describe("a URL that holds a credential", () => {
  it("is named before saving, and said to be kept like a secret header", () => {
    renderForm();
    fireEvent.change(screen.getByRole("combobox", { name: "Server type" }), { target: { value: "http" } });
    fireEvent.change(textbox("URL"), { target: { value: "https://docs.example/mcp?team=core" } });
    expect(screen.queryByRole("note")).toBeNull();
    fireEvent.change(textbox("URL"), { target: { value: "https://docs.example/mcp?team=core&api%5Fkey=k1&token=t#top" } });
    expect(screen.getByRole("note").textContent).toMatch(/^This URL holds what looks like a secret \(api_key, token\): it is kept like a secret header and shown as ••• on every device/);
  });

  it("sends the URL as typed but keeps its credential out of the stored draft", async () => {
    const saves: SaveMcpServerInput[] = [];
    renderForm(async (input) => (saves.push(input), false));
    fireEvent.change(textbox("Server name"), { target: { value: "docs" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Server type" }), { target: { value: "http" } });
    fireEvent.change(textbox("URL"), { target: { value: "https://docs.example/mcp?api_key=draft-secret-7&team=core" } });
    await settle();
    expect(stored()).toContain("https://docs.example/mcp?api_key=•••&team=core");
    expect(stored()).not.toContain("draft-secret-7");
    fireEvent.click(screen.getByRole("button", { name: "Save server" }));
    await waitFor(() => expect(saves.map((save) => save.url)).toEqual(["https://docs.example/mcp?api_key=draft-secret-7&team=core"]));
    expect(stored()).not.toContain("draft-secret-7");
  });
});
