// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Workspace } from "../../../../shared/index.ts";
import { WorkspaceSettings } from "./workspace-settings.tsx";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";

const WORKSPACE = {
  id: "wsp_settings01", name: "parser", path: "/repo/parser", createdAt: 1, isGitRepo: true, defaultBranch: "main", branchPrefixMode: "none", branchPrefix: "",
  setupScript: "bun install", copyFiles: [".env"], envSets: {}, problem: null, archivedAt: null,
} as unknown as Workspace;

const script = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Setup script (bash, runs in every new worktree)" });

isolateDomTests();

describe("WorkspaceSettings", () => {
  it("keeps unsaved settings when the screen goes, until they are saved or discarded", async () => {
    render(<WorkspaceSettings workspace={WORKSPACE} />);
    expect(screen.queryByRole("button", { name: "Discard changes" })).toBeNull();
    fireEvent.change(script(), { target: { value: "bun install\nbun run build" } });
    cleanup();
    render(<WorkspaceSettings workspace={WORKSPACE} />);
    expect(script().value).toBe("bun install\nbun run build");
    fireEvent.click(screen.getByRole("button", { name: "Discard changes" }));
    expect(script().value).toBe("bun install");
    cleanup();
    render(<WorkspaceSettings workspace={WORKSPACE} />);
    expect(script().value).toBe("bun install");

    // Env sets may hold secrets: they are never written to the device's storage.
    const envSets = screen.getByRole<HTMLTextAreaElement>("textbox", { name: 'Environment sets (JSON: {"name": {"VAR": "value"}})' });
    fireEvent.change(envSets, { target: { value: '{"ci": {"TOKEN": "s3cret"}}' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(JSON.stringify({ ...localStorage })).not.toContain("s3cret");
    fireEvent.click(screen.getByRole("button", { name: "Discard changes" }));
    expect(envSets.value).toBe("{}");

    fireEvent.change(script(), { target: { value: "bun install --frozen-lockfile" } });
    const fetch = vi.fn(async () => jsonResponse({ workspace: { ...WORKSPACE, setupScript: "bun install --frozen-lockfile" } }));
    vi.stubGlobal("fetch", fetch);
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    await screen.findByText("Saved.");
    expect(JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toMatchObject({ setupScript: "bun install --frozen-lockfile" });
    cleanup();
    await waitFor(() => expect(localStorage.length).toBe(0));
  });

  it("saves only what was changed here: settings another device saved meanwhile show up and are kept", async () => {
    const { rerender } = render(<WorkspaceSettings workspace={WORKSPACE} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), { target: { value: "parser-v2" } });
    // Another device saves a setup script and an env set while this form is open.
    const elsewhere = { ...WORKSPACE, setupScript: "bun install && bun run build", envSets: { dev: { TOKEN: "from-the-phone" } } } as Workspace;
    rerender(<WorkspaceSettings workspace={elsewhere} />);
    expect(script().value).toBe("bun install && bun run build");
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Name" }).value).toBe("parser-v2");
    expect(screen.getByRole<HTMLTextAreaElement>("textbox", { name: 'Environment sets (JSON: {"name": {"VAR": "value"}})' }).value).toContain("from-the-phone");

    const fetch = vi.fn(async () => jsonResponse({ workspace: { ...elsewhere, name: "parser-v2" } }));
    vi.stubGlobal("fetch", fetch);
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    await screen.findByText("Saved.");
    expect(JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toEqual({ name: "parser-v2" });
  });

  it("refuses env sets that are not JSON naming the field and their form, sends nothing and keeps what was typed", async () => {
    render(<WorkspaceSettings workspace={WORKSPACE} />);
    const envSets = screen.getByRole<HTMLTextAreaElement>("textbox", { name: 'Environment sets (JSON: {"name": {"VAR": "value"}})' });
    fireEvent.change(envSets, { target: { value: "{dev: {PORT: 3000}" } });
    const fetch = vi.fn(async () => jsonResponse({ workspace: WORKSPACE }));
    vi.stubGlobal("fetch", fetch);
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Environment sets are not valid JSON \(.+\): write them like \{"dev": \{"PORT": "3000"\}\}, or \{\} for none\.$/);
    expect(fetch).not.toHaveBeenCalled();
    expect(envSets.value).toBe("{dev: {PORT: 3000}");
  });
});
