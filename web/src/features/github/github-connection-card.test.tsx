// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { GithubConnection } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { GithubConnectionCard } from "./github-connection-card.tsx";

const REVOKED: GithubConnection = {
  isConnected: true, source: "token", baseUrl: "https://github.example.com/api/v3", login: null, scopes: [], missingScopes: [], rateLimit: null,
  problem: "GitHub rejected the token (revoked or expired). Connect GitHub again with a new token.",
};

isolateDomTests();

it("takes a new token right where it says GitHub rejected the stored one (it offered only Disconnect)", async () => {
  const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
    jsonResponse({ connection: init?.method === "PUT" ? { ...REVOKED, login: "octo-dev", problem: null } : REVOKED }));
  vi.stubGlobal("fetch", fetch);
  render(<GithubConnectionCard />);
  const card = screen.getByRole("region", { name: "GitHub" });
  await within(card).findByText(/Connect GitHub again with a new token/);
  expect(card.textContent).toContain("Not signed in");
  fireEvent.change(within(card).getByLabelText("Personal access token"), { target: { value: "ghp_newnewnewnew" } });
  expect(within(card).getByLabelText<HTMLInputElement>("GitHub Enterprise API URL (optional)").value).toBe(REVOKED.baseUrl);
  fireEvent.click(within(card).getByRole("button", { name: "Connect with the new token" }));
  await within(card).findByText("octo-dev");
  const put = fetch.mock.calls.find(([, init]) => init?.method === "PUT")!;
  expect(JSON.parse(String(put[1]!.body))).toEqual({ token: "ghp_newnewnewnew", baseUrl: REVOKED.baseUrl });
  expect(within(card).queryByLabelText("Personal access token")).toBeNull();
});
