// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { GithubConnection, ServerFrame } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { GithubConnectionCard } from "./github-connection-card.tsx";

const REVOKED: GithubConnection = {
  isConnected: true, source: "token", baseUrl: "https://github.example.com/api/v3", login: null, scopes: [], missingScopes: [], rateLimit: null,
  problem: "GitHub rejected the token (revoked or expired). Connect GitHub again with a new token.", isTokenRejected: true,
};

/** The socket's frame listeners: a test sends the frames the server would. */
const frames = vi.hoisted(() => new Set<(frame: ServerFrame) => void>());
vi.mock("../../lib/socket.ts", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  onServerFrame: (listener: (frame: ServerFrame) => void) => (frames.add(listener), () => frames.delete(listener)),
}));

isolateDomTests();

it("takes a new token right where it says GitHub rejected the stored one (it offered only Disconnect)", async () => {
  const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
    jsonResponse({ connection: init?.method === "PUT" ? { ...REVOKED, login: "octo-dev", problem: null, isTokenRejected: false } : REVOKED }));
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

it("shows GitHub connected on another device as soon as the server says so (it kept the token form until reloaded)", async () => {
  let connection: GithubConnection | null = null;
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ connection })));
  render(<GithubConnectionCard />);
  const card = screen.getByRole("region", { name: "GitHub" });
  await within(card).findByLabelText("Personal access token");
  connection = { ...REVOKED, login: "octo-dev", problem: null, isTokenRejected: false };
  for (const listener of frames) listener({ type: "integrations.changed", service: "github" });
  await within(card).findByText("octo-dev");
  expect(within(card).queryByLabelText("Personal access token")).toBeNull();
});

it("says GitHub is rate limited without offering to replace the token, and tries the same token again", async () => {
  const limited: GithubConnection = { ...REVOKED, login: "octo-dev", isTokenRejected: false, problem: "GitHub's rate limit was reached; try again in 60 s." };
  let connection = limited;
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ connection })));
  render(<GithubConnectionCard />);
  const card = screen.getByRole("region", { name: "GitHub" });
  await within(card).findByText(/rate limit was reached/);
  expect(card.textContent).toContain("Signed in as octo-dev");
  expect(within(card).queryByLabelText("Personal access token")).toBeNull();
  connection = { ...limited, problem: null };
  fireEvent.click(within(card).getByRole("button", { name: "Try again" }));
  await expect.poll(() => within(card).queryByText(/rate limit was reached/)).toBeNull();
  expect(within(card).queryByRole("button", { name: "Try again" })).toBeNull();
});

it("takes a new token for one that lacks a scope ChatML needs (only Disconnect was offered)", async () => {
  const narrow: GithubConnection = { ...REVOKED, login: "octo-dev", problem: null, isTokenRejected: false, scopes: ["read:user"], missingScopes: ["repo"] };
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ connection: narrow })));
  render(<GithubConnectionCard />);
  const card = screen.getByRole("region", { name: "GitHub" });
  await within(card).findByText("The token lacks: repo");
  expect(within(card).getByRole("button", { name: "Connect with the new token" })).toBeTruthy();
});

it("asks before disconnecting, and Keep keeps the token (one tap forgot it)", async () => {
  const connected: GithubConnection = { ...REVOKED, login: "octo-dev", problem: null, isTokenRejected: false };
  const fetch = vi.fn(async (_url: string, init?: RequestInit) => jsonResponse({ connection: init?.method === "DELETE" ? null : connected }));
  vi.stubGlobal("fetch", fetch);
  const deletes = () => fetch.mock.calls.filter(([, init]) => init?.method === "DELETE").length;
  render(<GithubConnectionCard />);
  const card = screen.getByRole("region", { name: "GitHub" });
  fireEvent.click(await within(card).findByRole("button", { name: "Disconnect GitHub" }));
  fireEvent.click(within(card).getByRole("button", { name: /cancel: Disconnect GitHub/ }));
  expect(deletes()).toBe(0);
  fireEvent.click(within(card).getByRole("button", { name: "Disconnect GitHub" }));
  fireEvent.click(within(card).getByRole("button", { name: /^Disconnect\? Yes: Disconnect GitHub/ }));
  await expect.poll(deletes).toBe(1);
});
