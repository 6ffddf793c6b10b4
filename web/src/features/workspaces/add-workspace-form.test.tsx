// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useNavStore } from "../../stores/nav-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { AddWorkspaceForm } from "./add-workspace-form.tsx";

isolateDomTests();

describe("AddWorkspaceForm", () => {
  it("browses from the folder typed in the box, not from the home folder", async () => {
    const listed: (string | null)[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      const path = new URL(String(url), "http://localhost").searchParams.get("path");
      listed.push(path);
      return jsonResponse({ path: path ?? "/home/me", parent: "/", entries: [{ name: "parser", path: `${path ?? "/home/me"}/parser`, isGitRepo: true }] });
    }));
    render(<AddWorkspaceForm />);
    fireEvent.change(screen.getByRole("textbox", { name: "Repository path" }), { target: { value: "/srv/code " } });
    fireEvent.click(screen.getByRole("button", { name: "Browse" }));
    await screen.findByText("/srv/code");
    expect(listed.at(-1)).toBe("/srv/code");
  });

  it("offers to open the workspace a folder already is, instead of a dead-end error", async () => {
    const conflict = { code: "conflict", message: "/srv/parser is already a workspace.", details: { workspaceId: "wsp_parser000001", workspaceName: "parser" } };
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: conflict }, 409)));
    render(<AddWorkspaceForm />);
    fireEvent.change(screen.getByRole("textbox", { name: "Repository path" }), { target: { value: "/srv/parser" } });
    fireEvent.click(screen.getByRole("button", { name: "Add repository" }));
    await screen.findByText("/srv/parser is already a workspace.");
    expect(screen.getByRole("link", { name: "Open parser" }).getAttribute("href")).toBe("#/w/wsp_parser000001");
    fireEvent.click(screen.getByRole("link", { name: "Open parser" }));
    expect(useNavStore.getState().hash).toBe("#/w/wsp_parser000001");
  });

  it("ties the refusal to the box, and drops it once another path is typed", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "bad_request", message: "/srv/notes is not a git repository." } }, 400)));
    render(<AddWorkspaceForm />);
    const box = screen.getByRole("textbox", { name: "Repository path" });
    fireEvent.change(box, { target: { value: "/srv/notes" } });
    fireEvent.click(screen.getByRole("button", { name: "Add repository" }));
    const alert = await screen.findByRole("alert");
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(box.getAttribute("aria-describedby")).toBe(alert.id);
    expect(alert.id).not.toBe("");
    fireEvent.change(box, { target: { value: "/srv/parser" } });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(box.getAttribute("aria-invalid")).toBe("false");
    expect(box.hasAttribute("aria-describedby")).toBe(false);
  });
});
