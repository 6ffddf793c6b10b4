// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { beforeEach, expect, it, vi } from "vitest";
import type { ConversationId, MessageId } from "../../../../../shared/index.ts";
import { applyEvent } from "../../../protocol/apply-event.ts";
import { emptyView, putMessage, type ViewMessage } from "../../../protocol/conversation-view.ts";
import { BYPASS_AS_ROOT_REASON, BYPASS_AS_ROOT_WHY } from "../../../../../shared/api/permission-modes.ts";
import { useNavStore } from "../../../stores/nav-store.ts";
import { useServerFactsStore } from "../../../stores/server-facts-store.ts";
import { useUiStore } from "../../../stores/ui-store.ts";
import { isolateDomTests, jsonResponse } from "../../../test-support/dom-tests.ts";
import { SessionPanel } from "./session-panel.tsx";

isolateDomTests();

const ID = "cnv_panel0001" as ConversationId;

/**
 * The server as the panel reads it: `/api/info` says which permission modes it can start (the ones a test set in the
 * store), `answer` takes what a test looks at; checkpoints, usage and MCP servers load beside the controls and are
 * not found (their sections say so quietly).
 */
function stubServer(answer: (url: string, init?: RequestInit) => Response | Promise<Response> | undefined = () => undefined) {
  const notFound = () => jsonResponse({ error: { code: "not_found", message: "not here" } }, 404);
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith("/api/info")) return jsonResponse({ unavailablePermissionModes: useServerFactsStore.getState().unavailablePermissionModes ?? [] });
    return answer(url, init) ?? notFound();
  }));
}

beforeEach(() => {
  stubServer();
  history.replaceState(null, "", `/#/c/${ID}`);
  useUiStore.setState({ selectedId: ID });
  useNavStore.getState().sync();
  useServerFactsStore.setState({ unavailablePermissionModes: [] });
});

it("keeps only what concerns this conversation, with a way to the app-wide settings that used to sit at its foot", () => {
  const onClose = vi.fn();
  render(<SessionPanel id={ID} conversation={undefined} view={emptyView()} models={[]} status="idle" onClose={onClose} />);
  const sheet = screen.getByRole("dialog", { name: "Session controls" });
  for (const name of ["Model", "Permission mode"]) expect(screen.getByRole("combobox", { name })).toBeTruthy();
  for (const name of ["Theme", "Font size", "Text size", "Enter key", "Sleep idle processes after"]) expect(screen.queryByRole("combobox", { name })).toBeNull();
  expect(screen.queryByRole("checkbox", { name: /Suggest my next message|Notify when Claude|Play a sound/ })).toBeNull();
  expect(sheet.textContent).not.toContain("this device");
  expect(screen.getByRole("link", { name: "App settings" }).getAttribute("href")).toBe("#/settings");
  fireEvent.click(screen.getByRole("link", { name: "App settings" }));
  expect(location.hash).toBe("#/settings");
  expect(useNavStore.getState().hash).toBe("#/settings");
  // The conversation (and so this sheet) gives way to the Settings screen.
  expect(useUiStore.getState().selectedId).toBeNull();
});

it("offers one Default model: the CLI's own \"default\" entry is not listed beside it, unless the conversation was set to it", () => {
  const models = [
    { value: "default", displayName: "Default (recommended)", description: "Use the default model" },
    { value: "opus", displayName: "Opus", description: "Opus 5.5" },
  ];
  const labels = () => [...screen.getByRole("combobox", { name: "Model" }).querySelectorAll("option")].map((o) => o.textContent);
  const view = render(<SessionPanel id={ID} conversation={undefined} view={emptyView()} models={models} status="ready" onClose={vi.fn()} />);
  expect(labels()).toEqual(["Default", "Opus"]);
  view.unmount();
  const setToDefault = { id: ID, model: "default" } as unknown as Parameters<typeof SessionPanel>[0]["conversation"];
  render(<SessionPanel id={ID} conversation={setToDefault} view={emptyView()} models={models} status="ready" onClose={vi.fn()} />);
  expect(labels()).toEqual(["Default", "Default (recommended)", "Opus"]);
  expect((screen.getByRole("combobox", { name: "Model" }) as HTMLSelectElement).value).toBe("default");
});

it("offers the CLI's effort levels beside Default, says what they do, and posts the one picked (null for Default)", async () => {
  const posted: unknown[] = [];
  stubServer((url, init) => {
    if (!url.endsWith("/effort")) return undefined;
    posted.push(JSON.parse(String(init?.body)).effort);
    return jsonResponse({ ok: true });
  });
  const set = { id: ID, effort: "high" } as unknown as Parameters<typeof SessionPanel>[0]["conversation"];
  render(<SessionPanel id={ID} conversation={set} view={emptyView()} models={[]} status="ready" onClose={vi.fn()} />);
  const picker = screen.getByRole("combobox", { name: "Effort" }) as HTMLSelectElement;
  expect([...picker.querySelectorAll("option")].map((o) => o.textContent)).toEqual(["Default", "Low", "Medium", "High", "Extra high", "Max"]);
  expect(picker.value).toBe("high");
  expect(screen.getByText(/How hard Claude thinks/).id).toBe(picker.getAttribute("aria-describedby"));
  fireEvent.change(picker, { target: { value: "max" } });
  fireEvent.change(picker, { target: { value: "" } });
  await vi.waitFor(() => expect(posted).toEqual(["max", null]));
});

it("offers a permission mode the server cannot run disabled, saying why before it is picked", () => {
  useServerFactsStore.setState({ unavailablePermissionModes: [{ mode: "bypassPermissions", why: BYPASS_AS_ROOT_WHY, reason: BYPASS_AS_ROOT_REASON }] });
  render(<SessionPanel id={ID} conversation={undefined} view={emptyView()} models={[]} status="ready" onClose={vi.fn()} />);
  const bypass = screen.getByRole("option", { name: `Bypass permissions (${BYPASS_AS_ROOT_WHY})` }) as HTMLOptionElement;
  expect(bypass.disabled).toBe(true);
  expect((screen.getByRole("option", { name: "Accept edits" }) as HTMLOptionElement).disabled).toBe(false);
  expect(screen.getByRole("dialog", { name: "Session controls" }).textContent).toContain(BYPASS_AS_ROOT_REASON);
});

it("reads the checkpoints again when a message or a notice may have changed them, not on every item of an answer", async () => {
  const listings: string[] = [];
  stubServer((url) => {
    if (!url.endsWith("/checkpoints")) return undefined;
    listings.push(url);
    return jsonResponse({ checkpoints: [], undo: null });
  });
  const message = (n: number, role: "user" | "assistant"): ViewMessage => ({ id: `msg_${n}xxxxx` as MessageId, role, parentToolUseId: null, model: null, createdAt: n, parts: [], isPlaceholder: false });
  let view = putMessage(emptyView(), message(1, "user"));
  const show = () => <SessionPanel id={ID} conversation={undefined} view={view} models={[]} status="ready" onClose={vi.fn()} />;
  const { rerender } = render(show());
  await vi.waitFor(() => expect(listings).toHaveLength(1));

  // An answer streams in, message after message (text, tools, subagents): none of them takes a checkpoint.
  for (let n = 2; n <= 6; n++) {
    view = putMessage(view, message(n, "assistant"));
    rerender(show());
  }
  await screen.findByRole("region", { name: "Checkpoints" });
  expect(listings).toHaveLength(1);

  view = { ...view, items: [...view.items, { kind: "notice", seq: 8, notice: { level: "info", text: "Files rewound to before “message 1”.", at: 8 } }] };
  rerender(show());
  await vi.waitFor(() => expect(listings).toHaveLength(2));
  view = putMessage(view, message(9, "user"));
  rerender(show());
  await vi.waitFor(() => expect(listings).toHaveLength(3));
});

it("says the CLI facts are the last process's once it has exited (they read as the one running now)", () => {
  const event = { type: "cli.session.updated", cliSessionId: "s1", cliVersion: "2.1.332", model: null, permissionMode: null, cwd: null, tools: [], slashCommands: [], transport: "stdio", mcpServers: [] } as const;
  const view = applyEvent(emptyView(), { seq: 1, at: 1, event } as never);
  const { rerender } = render(<SessionPanel id={ID} conversation={undefined} view={view} models={[]} status="ready" onClose={() => undefined} />);
  expect(screen.getByTestId("process-state").textContent).toBe("ReadyCLI 2.1.332\u00a0· stdio");
  rerender(<SessionPanel id={ID} conversation={undefined} view={view} models={[]} status="exited" onClose={() => undefined} />);
  expect(screen.getByTestId("process-state").textContent).toContain("Last ran CLI 2.1.332\u00a0· stdio");
});

function PanelToggle() {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen((open) => !open)}>Session controls</button>
      <button type="button">Session menu</button>
      {isOpen ? <SessionPanel id={ID} conversation={undefined} view={emptyView()} models={[]} status="ready" onClose={() => setOpen(false)} /> : null}
    </>
  );
}

it("takes the keyboard as it opens and gives it back to the button that opened it when it closes", () => {
  render(<PanelToggle />);
  const opener = screen.getByRole("button", { name: "Session controls" });
  act(() => opener.focus());
  fireEvent.click(opener);
  // It stayed on the button, and the next Tab went on to the top bar's next button, behind the sheet.
  expect(screen.getByRole("dialog", { name: "Session controls" }).contains(document.activeElement)).toBe(true);
  fireEvent.click(screen.getByRole("button", { name: "Close session controls" }));
  expect(screen.queryByRole("dialog", { name: "Session controls" })).toBeNull();
  expect(document.activeElement).toBe(opener);
});

it("keeps the keyboard on a setting while its change is saved, said unavailable and deaf to another change meanwhile", async () => {
  let finish = () => {};
  const posted: unknown[] = [];
  stubServer((url, init) => {
    if (!url.endsWith("/model")) return undefined;
    posted.push(JSON.parse(String(init?.body)).model);
    return new Promise<Response>((resolve) => (finish = () => resolve(jsonResponse({ ok: true }))));
  });
  const models = [{ value: "opus", displayName: "Opus", description: "" }, { value: "sonnet", displayName: "Sonnet", description: "" }];
  render(<SessionPanel id={ID} conversation={undefined} view={emptyView()} models={models} status="ready" onClose={vi.fn()} />);
  const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Model" });
  act(() => picker.focus());
  fireEvent.change(picker, { target: { value: "opus" } });
  await vi.waitFor(() => expect(posted).toEqual(["opus"]));
  // A disabled select dropped the focus to the page while the change was saved.
  expect(document.activeElement).toBe(picker);
  expect(picker.disabled).toBe(false);
  expect(picker.getAttribute("aria-disabled")).toBe("true");
  fireEvent.change(picker, { target: { value: "sonnet" } });
  // The other settings, not focused, are plainly off.
  expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Effort" }).disabled).toBe(true);
  await act(async () => finish());
  expect(posted).toEqual(["opus"]);
  expect(picker.getAttribute("aria-disabled")).toBeNull();
  expect(document.activeElement).toBe(picker);
});

it("shows a picked setting at once, saying it is saved, keeps it until the update comes, and goes back with the reason when refused", async () => {
  const answers: ((response: Response) => void)[] = [];
  stubServer((url) => (url.endsWith("/model") ? new Promise<Response>((resolve) => answers.push(resolve)) : undefined));
  const models = [{ value: "opus", displayName: "Opus", description: "" }, { value: "sonnet", displayName: "Sonnet", description: "" }];
  const set = (model: string | null) => ({ id: ID, model, effort: null }) as unknown as Parameters<typeof SessionPanel>[0]["conversation"];
  const show = (model: string | null) => <SessionPanel id={ID} conversation={set(model)} view={emptyView()} models={models} status="ready" onClose={vi.fn()} />;
  const { rerender } = render(show(null));
  const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Model" });
  const saying = () => screen.getAllByRole("status").map((s) => s.textContent).filter(Boolean);

  // It showed Default until the server's update came, then jumped to Opus.
  fireEvent.change(picker, { target: { value: "opus" } });
  expect(picker.value).toBe("opus");
  expect(saying()).toEqual(["Saving…"]);
  expect(picker.getAttribute("aria-busy")).toBe("true");
  await vi.waitFor(() => expect(answers).toHaveLength(1));
  await act(async () => answers[0]!(jsonResponse({ ok: true })));
  // Taken, before the update is on this device: still Opus, no longer saving.
  expect(picker.value).toBe("opus");
  expect(saying()).toEqual([]);
  rerender(show("opus"));
  expect(picker.value).toBe("opus");

  fireEvent.change(picker, { target: { value: "sonnet" } });
  expect(picker.value).toBe("sonnet");
  await vi.waitFor(() => expect(answers).toHaveLength(2));
  await act(async () => answers[1]!(jsonResponse({ error: { code: "cli_unavailable", message: "Claude Code refused the model sonnet." } }, 409)));
  expect(picker.value).toBe("opus");
  expect(saying()).toEqual([]);
  const reason = screen.getAllByRole("alert").find((alert) => alert.textContent?.includes("refused"))!;
  expect(reason.textContent).toBe("Claude Code refused the model sonnet.");
  expect(picker.getAttribute("aria-describedby")).toBe(reason.id);
  // Said under the setting, not once more at the sheet's foot.
  expect(screen.getByTestId("session-actions").textContent).not.toContain("refused");
  // Another device's change shows as it comes.
  rerender(show("sonnet"));
  expect(picker.value).toBe("sonnet");
});
