// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import type { Session, SessionSetup } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SetupNotice } from "./setup-notice.tsx";

isolateDomTests();

const SETUP: SessionSetup = {
  status: "running",
  steps: (["fetch", "worktree", "copy", "setup"] as const).map((name) => ({ name, status: name === "fetch" ? "running" : "pending", detail: null })),
  log: "",
  error: null,
};

it("leads to the session's overview by a link (a new tab, a copied link), not a button", () => {
  const session = { id: "ses_setupnote0001", name: "login-fixes", setup: SETUP } as unknown as Session;
  useConversationsStore.setState({ sessions: { [session.id]: session } });
  render(<SetupNotice sessionId={session.id} />);
  expect(screen.queryByRole("button", { name: "Setup details" })).toBeNull();
  expect(screen.getByRole("link", { name: "Setup details" }).getAttribute("href")).toBe(`#/s/${session.id}`);
  fireEvent.click(screen.getByRole("link", { name: "Setup details" }));
  expect(useNavStore.getState().hash).toBe(`#/s/${session.id}`);
});
