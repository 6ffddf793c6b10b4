// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { LinearConnection } from "../../../../shared/index.ts";
import { useLinearStore } from "../../stores/linear-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { LinearConnectionCard } from "./linear-connection-card.tsx";

const REVOKED: LinearConnection = {
  isConnected: true, name: "Ada Lovelace", email: "ada@example.com", isAutoStatus: false, isKeyRejected: true,
  problem: "Linear rejected the API key (revoked or mistyped). Connect Linear again with a new key.",
};

isolateDomTests();

it("takes a new key right where it says Linear rejected the stored one (it offered only Disconnect)", async () => {
  useLinearStore.setState({ connection: null, bySession: {} });
  const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
    jsonResponse({ connection: init?.method === "PUT" ? { ...REVOKED, problem: null, isKeyRejected: false } : REVOKED }));
  vi.stubGlobal("fetch", fetch);
  render(<LinearConnectionCard />);
  const card = screen.getByRole("region", { name: "Linear" });
  await within(card).findByText(/Connect Linear again with a new key/);
  expect(card.textContent).toContain("Last signed in as Ada Lovelace");
  fireEvent.change(within(card).getByLabelText("Linear API key"), { target: { value: "lin_api_newnewnewnew" } });
  fireEvent.click(within(card).getByRole("button", { name: "Connect with the new key" }));
  await expect.poll(() => within(card).queryByLabelText("Linear API key")).toBeNull();
  const put = fetch.mock.calls.find(([, init]) => init?.method === "PUT")!;
  expect(JSON.parse(String(put[1]!.body))).toEqual({ apiKey: "lin_api_newnewnewnew" });
  expect(card.textContent).toContain("Signed in as Ada Lovelace");
});

it("says Linear is rate limited without asking for a new key, and tries the same key again", async () => {
  useLinearStore.setState({ connection: null, bySession: {} });
  let connection: LinearConnection = { ...REVOKED, isKeyRejected: false, problem: "Linear's rate limit was reached; try again in a minute." };
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ connection })));
  render(<LinearConnectionCard />);
  const card = screen.getByRole("region", { name: "Linear" });
  await within(card).findByText(/rate limit was reached/);
  expect(within(card).queryByLabelText("Linear API key")).toBeNull();
  connection = { ...connection, problem: null };
  fireEvent.click(within(card).getByRole("button", { name: "Try again" }));
  await expect.poll(() => within(card).queryByText(/rate limit was reached/)).toBeNull();
});

it("reads the connection once on a first visit, and shows why when that read fails (it read twice: the card and the hook)", async () => {
  useLinearStore.setState({ connection: null, readError: null, bySession: {} });
  const fetch = vi.fn(async () => jsonResponse({ error: { code: "internal", message: "ChatML could not read the Linear connection." } }, 500));
  vi.stubGlobal("fetch", fetch);
  render(<LinearConnectionCard />);
  const card = screen.getByRole("region", { name: "Linear" });
  expect((await within(card).findByRole("alert")).textContent).toBe("ChatML could not read the Linear connection.");
  expect(fetch).toHaveBeenCalledTimes(1);
});

it("asks before disconnecting, and Keep keeps the key (one tap forgot it)", async () => {
  useLinearStore.setState({ connection: null, bySession: {} });
  const connected = { ...REVOKED, isKeyRejected: false, problem: null };
  const fetch = vi.fn(async (_url: string, init?: RequestInit) => jsonResponse({ connection: init?.method === "DELETE" ? { ...connected, isConnected: false } : connected }));
  vi.stubGlobal("fetch", fetch);
  const deletes = () => fetch.mock.calls.filter(([, init]) => init?.method === "DELETE").length;
  render(<LinearConnectionCard />);
  const card = screen.getByRole("region", { name: "Linear" });
  fireEvent.click(await within(card).findByRole("button", { name: "Disconnect Linear" }));
  fireEvent.click(within(card).getByRole("button", { name: /cancel: Disconnect Linear/ }));
  expect(deletes()).toBe(0);
  fireEvent.click(within(card).getByRole("button", { name: "Disconnect Linear" }));
  fireEvent.click(within(card).getByRole("button", { name: /^Disconnect\? Yes: Disconnect Linear/ }));
  await expect.poll(deletes).toBe(1);
});
