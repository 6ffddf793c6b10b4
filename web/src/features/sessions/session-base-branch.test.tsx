// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import type { PullRequest } from "../../../../shared/index.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { expect, it, vi } from "vitest";
import type { Session, SessionId, WorkspaceId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { SessionBaseBranch } from "./session-base-branch.tsx";

const session = { id: "ses_basebranch001" as SessionId, workspaceId: "wsp_basebranch001" as WorkspaceId, name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;

isolateDomTests();

it("offers local and origin-only branches but not the session's own; a refusal is said and the base stays", async () => {
  const asked: unknown[] = [];
  const refusal = 'The branch "release" does not exist, neither here nor on origin. Its base stays main.';
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (String(url).endsWith("/branches")) return jsonResponse({ branches: ["main", "login-fixes", "release"], originOnly: ["staging"] });
    asked.push(JSON.parse(String(init?.body)));
    return jsonResponse({ error: { code: "bad_request", message: refusal } }, 400);
  }));
  render(<SessionBaseBranch session={session} />);
  const field = await screen.findByRole<HTMLSelectElement>("combobox", { name: /Base branch/ });
  await vi.waitFor(() => expect([...field.options].map((o) => o.textContent)).toEqual(["main", "release", "origin/staging"]));
  const change = screen.getByRole("button", { name: "Change base" });
  expect(change).toHaveProperty("disabled", true); // the base it has already
  fireEvent.change(field, { target: { value: "release" } });
  fireEvent.click(change);
  expect((await screen.findByRole("alert")).textContent).toBe(refusal);
  expect(asked).toEqual([{ baseBranch: "release" }]);
  expect(field.value).toBe("release");
  expect(screen.getByText("(now main)")).toBeTruthy();
});

it("with GitHub disconnected and an open PR, offers to change the base here only or to connect GitHub, and says the PR kept its base (it was refused with no way on)", async () => {
  const pr = { sessionId: session.id, number: 7, state: "open", baseRef: "main" } as unknown as PullRequest;
  usePullRequestStore.getState().set(session.id, pr);
  const asked: unknown[] = [];
  const refusal = "GitHub is not connected, so pull request #7 cannot move onto release, and nothing changed. Change the base here only (#7 keeps merging into main on GitHub until you change it there), or connect GitHub again under Integrations — a token, or the gh CLI's sign-in — and change the base again to move both.";
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (String(url).endsWith("/branches")) return jsonResponse({ branches: ["main", "release"], originOnly: [] });
    const body = JSON.parse(String(init?.body)) as { isHereOnly?: boolean };
    asked.push(body);
    if (!body.isHereOnly) return jsonResponse({ error: { code: "conflict", message: refusal, details: { reason: "github_not_connected", number: 7, prBase: "main" } } }, 409);
    return jsonResponse({ session: { ...session, baseBranch: "release" }, pullRequest: pr });
  }));
  const { rerender } = render(<SessionBaseBranch session={session} />);
  const field = await screen.findByRole<HTMLSelectElement>("combobox", { name: /Base branch/ });
  await vi.waitFor(() => expect([...field.options].map((o) => o.textContent)).toEqual(["main", "release"]));
  fireEvent.change(field, { target: { value: "release" } });
  fireEvent.click(screen.getByRole("button", { name: "Change base" }));
  expect((await screen.findByRole("alert")).textContent).toBe(refusal);
  expect(screen.getByRole("link", { name: "Connect GitHub" }).getAttribute("href")).toBe("#/integrations");
  fireEvent.click(screen.getByRole("link", { name: "Connect GitHub" }));
  expect(useNavStore.getState().hash).toBe("#/integrations");

  fireEvent.click(screen.getByRole("button", { name: "Change it here only" }));
  expect((await screen.findByRole("status")).textContent).toBe('The base is release now: the diff, "behind" and the next pull request compare against it.');
  expect(asked).toEqual([{ baseBranch: "release" }, { baseBranch: "release", isHereOnly: true }]);
  expect(screen.queryByRole("button", { name: "Change it here only" })).toBeNull();
  rerender(<SessionBaseBranch session={{ ...session, baseBranch: "release" }} />);
  expect(screen.getByRole("note", { name: "The pull request's base" }).textContent).toBe("Pull request #7 still merges into main on GitHub; this session compares against release. Its pull request card moves it once GitHub is connected.");
});
