// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { Session, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { SessionPullRequest } from "./session-pull-request.tsx";

const session = { id: "ses_prcard0001" as SessionId, title: "Login fixes", name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;

/** The server: no pull request yet; GitHub connected or not. */
function server(isConnected: boolean) {
  vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(String(url).endsWith("/integrations/github") ? { connection: isConnected ? { isConnected: true, login: "me" } : null } : { pullRequest: null })));
}

isolateDomTests();

it("offers to connect GitHub, not a pull request form that can only fail, while GitHub is not connected", async () => {
  server(false);
  render(<SessionPullRequest session={session} />);
  await screen.findByText("Connect GitHub to open a pull request for login-fixes from here.");
  expect(screen.getByRole("button", { name: "Connect GitHub" })).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Create pull request" })).toBeNull();
});

it("offers to create one once GitHub is connected", async () => {
  server(true);
  render(<SessionPullRequest session={session} />);
  await screen.findByRole("button", { name: "Create pull request" });
  expect(screen.queryByRole("button", { name: "Connect GitHub" })).toBeNull();
});
