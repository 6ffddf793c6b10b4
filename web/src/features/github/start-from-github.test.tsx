// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Workspace } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { StartFromGithub } from "./start-from-github.tsx";

const WORKSPACE = { id: "wsp_startgithub01", name: "widgets", isGitRepo: true, archivedAt: null } as unknown as Workspace;

isolateDomTests();

describe("StartFromGithub", () => {
  it("an issue a session works on already opens that session (it said only that another session had the branch)", async () => {
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.includes("/github/issues")) return jsonResponse({ issues: [{ number: 7, title: "Login button is broken!", url: "https://github.com/acme/widgets/issues/7", state: "open" }] });
      if (url.endsWith("/integrations/github/start")) {
        return jsonResponse({ error: { code: "conflict", message: 'Issue #7 has a session already: "login" works on issue-7-login-button-is-broken.', details: { sessionId: "ses_startgithub01" } } }, 409);
      }
      return jsonResponse({ settings: { archiveOnMerge: false } });
    }));
    render(<StartFromGithub workspace={WORKSPACE} />);
    fireEvent.change(screen.getByLabelText("Search issues"), { target: { value: "login" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    fireEvent.click(await screen.findByRole("button", { name: "#7 Login button is broken!" }));
    await waitFor(() => expect(useNavStore.getState().hash).toBe("#/s/ses_startgithub01"));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
