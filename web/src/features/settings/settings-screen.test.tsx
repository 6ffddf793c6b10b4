// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Settings } from "../../../../shared/index.ts";
import type { CliInfo } from "../../lib/cli-guidance.ts";
import { useChatSettings } from "../../stores/chat-settings-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { SettingsScreen } from "./settings-screen.tsx";

isolateDomTests();

const CLI: CliInfo = { path: "/usr/bin/claude", version: "2.1.119", transport: "stdio", error: null, notice: null, auth: null };
let stored: Settings;
/** The CLI the server finds (tests of a newer one swap it). */
let cli: CliInfo;
let puts: Array<Partial<Settings>>;

/** A server that keeps its settings and refuses a job concurrency above 8 as the real one does (400, its message). */
function fakeServer() {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), "http://chatml.test").pathname;
    const method = init?.method ?? "GET";
    if (path === "/api/settings" && method === "PUT") {
      const patch = JSON.parse(String(init?.body)) as Partial<Settings>;
      puts.push(patch);
      if (patch.jobConcurrency !== undefined && !(patch.jobConcurrency >= 1 && patch.jobConcurrency <= 8)) {
        return jsonResponse({ error: { code: "bad_request", message: "Job runs at once must be at most 8." } }, 400);
      }
      stored = { ...stored, ...patch };
      return jsonResponse({ settings: stored });
    }
    if (path === "/api/settings") return jsonResponse({ settings: stored });
    if (path === "/api/info") return jsonResponse({ cli, settings: stored });
    if (path === "/api/cli/check") return jsonResponse({ cli: stored.claudeBin ? { ...cli, path: stored.claudeBin } : cli });
    return jsonResponse({ error: { code: "not_found", message: `no ${path}` } }, 404);
  });
}

/** What a screen reader reads as the field's description: the texts its `aria-describedby` points at. */
function describedText(field: HTMLElement): string {
  return (field.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}

beforeEach(() => {
  stored = { transport: "auto", claudeBin: null, jobConcurrency: 2, cliSleepAfterMinutes: 10, defaultConversationMode: "chat", promptSuggestions: false, aiTitles: true, aiSummaries: true };
  puts = [];
  cli = CLI;
  vi.stubGlobal("fetch", fakeServer());
  useChatSettings.setState({ theme: "system", fontSize: 16, sendKey: "auto", isSoundOn: false, isNotifyOn: true });
});

const group = (name: string) => screen.getByRole("region", { name });

describe("SettingsScreen", () => {
  it("says which preferences this device keeps and which every device shares, each control named", async () => {
    render(<SettingsScreen />);
    const device = group("This device");
    expect(device.textContent).toContain("this browser only");
    for (const name of ["Theme", "Text size", "Enter key"]) within(device).getByRole("combobox", { name });
    within(device).getByRole("checkbox", { name: /Notify when Claude needs me/ });
    within(device).getByRole("checkbox", { name: "Play a sound" });
    within(device).getByRole("button", { name: "Open Devices" });
    const every = group("Every device");
    expect(every.textContent).toContain("every signed-in device");
    within(every).getByRole("combobox", { name: "Sleep idle processes after" });
    within(every).getByRole("checkbox", { name: /Suggest my next message/ });
    within(every).getByRole("checkbox", { name: "Let Claude title new conversations" });
    within(every).getByRole("combobox", { name: "Mode of new conversations" });
    within(every).getByRole("spinbutton", { name: "Job runs at once" });
    // A run waiting for the user holds no slot of the pool (ADR 0021), and the hint says so.
    expect(within(every).getByRole("form", { name: "Job runs at once" }).textContent).toContain("A run waiting for you (to allow a tool or answer a question) does not count: others start meanwhile.");
    const cli = group("Claude Code (every device)");
    within(cli).getByRole("textbox", { name: "Claude Code binary" });
    within(cli).getByRole("combobox", { name: "Connection to Claude Code" });
    // Loaded from the server, not left at a placeholder.
    await waitFor(() => expect(within(every).getByRole<HTMLSelectElement>("combobox", { name: "Sleep idle processes after" }).value).toBe("10"));
  });

  it("names every field by the words shown above it: a voice user says what they see", async () => {
    render(<SettingsScreen />);
    await waitFor(() => expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Sleep idle processes after" }).disabled).toBe(false));
    const fields = [...screen.getAllByRole("combobox"), ...screen.getAllByRole("spinbutton"), ...screen.getAllByRole("textbox")];
    const shown = fields.map((field) => [field, field.closest("label")?.querySelector("span")?.textContent ?? null] as const);
    // Every select of the screen sits in a label that shows its words (the test would pass vacuously otherwise).
    expect(shown.filter(([field, words]) => field.tagName === "SELECT" && words !== null).length).toBeGreaterThanOrEqual(5);
    for (const [field, words] of shown) if (words) expect(screen.getAllByRole(field.getAttribute("role") ?? roleOf(field), { name: words }), words).toContain(field);
  });

  it("keeps the theme in this browser and never sends it to the server", async () => {
    render(<SettingsScreen />);
    fireEvent.change(screen.getByRole("combobox", { name: "Theme" }), { target: { value: "dark" } });
    expect(useChatSettings.getState().theme).toBe("dark");
    expect(JSON.parse(localStorage.getItem("chatml.settings") ?? "{}").state.theme).toBe("dark");
    expect(puts).toEqual([]);
  });

  it("saves a server setting on the server", async () => {
    render(<SettingsScreen />);
    const sleep = screen.getByRole<HTMLSelectElement>("combobox", { name: "Sleep idle processes after" });
    await waitFor(() => expect(sleep.disabled).toBe(false));
    fireEvent.change(sleep, { target: { value: "30" } });
    await waitFor(() => expect(stored.cliSleepAfterMinutes).toBe(30));
    expect(puts).toEqual([{ cliSleepAfterMinutes: 30 }]);
  });

  it("shows AI titles on until the user turns them off, and keeps that on the server", async () => {
    render(<SettingsScreen />);
    const titles = screen.getByRole<HTMLInputElement>("checkbox", { name: "Let Claude title new conversations" });
    await waitFor(() => expect(titles.disabled).toBe(false));
    expect(titles.checked).toBe(true);
    fireEvent.click(titles);
    await waitFor(() => expect(stored.aiTitles).toBe(false));
    expect(puts).toEqual([{ aiTitles: false }]);
    expect(titles.checked).toBe(false);
  });

  it("shows AI summaries on until the user turns them off, apart from titles, and keeps that on the server", async () => {
    render(<SettingsScreen />);
    const summaries = screen.getByRole<HTMLInputElement>("checkbox", { name: "Let Claude summarize archived sessions and job runs" });
    await waitFor(() => expect(summaries.disabled).toBe(false));
    expect(summaries.checked).toBe(true);
    fireEvent.click(summaries);
    await waitFor(() => expect(stored.aiSummaries).toBe(false));
    expect(puts).toEqual([{ aiSummaries: false }]);
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Let Claude title new conversations" }).checked).toBe(true);
  });

  it("shows the server's reason for a refused value, keeps what was typed, and says the old value still holds", async () => {
    render(<SettingsScreen />);
    const runs = screen.getByRole<HTMLInputElement>("spinbutton", { name: "Job runs at once" });
    await waitFor(() => expect(runs.value).toBe("2"));
    // The hint is read with the field (a screen reader on the field heard no word of it).
    expect(describedText(runs)).toMatch(/A run waiting for you .* does not count/);
    fireEvent.change(runs, { target: { value: "12" } });
    fireEvent.click(screen.getByRole("button", { name: "Save Job runs at once" }));
    await screen.findByText(/Job runs at once must be at most 8\./);
    expect(runs.getAttribute("aria-invalid")).toBe("true");
    expect(describedText(runs)).toMatch(/does not count.* Job runs at once must be at most 8\./);
    expect(runs.value).toBe("12");
    expect(screen.getByTestId("saved-value").textContent).toBe("Still saved: 2");
    expect(stored.jobConcurrency).toBe(2);
    fireEvent.change(runs, { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "Save Job runs at once" }));
    await waitFor(() => expect(stored.jobConcurrency).toBe(3));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });

  it("lets the Claude Code path be set while it is found automatically, and says what the server then finds", async () => {
    render(<SettingsScreen />);
    const bin = screen.getByRole<HTMLInputElement>("textbox", { name: "Claude Code binary" });
    // A null path is "found automatically", not "still loading".
    await waitFor(() => expect(bin.disabled).toBe(false));
    await screen.findByText("In use: /usr/bin/claude (Claude Code 2.1.119)");
    fireEvent.change(bin, { target: { value: " /opt/claude/bin/claude " } });
    fireEvent.submit(bin.closest("form")!);
    await screen.findByText("In use: /opt/claude/bin/claude (Claude Code 2.1.119)");
    expect(puts).toEqual([{ claudeBin: "/opt/claude/bin/claude" }]);
  });

  it("says the server's own sentence when the path runs no CLI, without a 'Not found:' before it", async () => {
    const error = "Claude Code CLI from Settings (/opt/claude) did not answer in time. It is installed but did not answer in time: the machine may be busy. Try again in a moment.";
    cli = { ...CLI, path: null, version: null, error };
    render(<SettingsScreen />);
    expect((await screen.findByText(/did not answer in time/)).textContent).toBe(error);
  });

  it("says plainly beside the path in use when that CLI is newer than any ChatML was tested with, and nothing of a tested one", async () => {
    const notice = "Claude Code 2.1.400 is newer than ChatML was tested with (2.1.332): if something looks wrong, tell us, or pin an older one with --claude-bin.";
    cli = { ...CLI, version: "2.1.400", notice };
    const { unmount } = render(<SettingsScreen />);
    await screen.findByText("In use: /usr/bin/claude (Claude Code 2.1.400)");
    expect(screen.getByRole("note").textContent).toBe(notice);
    unmount();
    cli = CLI;
    render(<SettingsScreen />);
    await screen.findByText("In use: /usr/bin/claude (Claude Code 2.1.119)");
    expect(screen.queryByRole("note")).toBeNull();
  });

  it("says at once why no notification will show when the prompt a tick opens is blocked", async () => {
    vi.stubGlobal("isSecureContext", true);
    // The user blocks the prompt after the tap's render, as in a browser (not within the tap).
    const block = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      return (notification.permission = "denied");
    };
    const notification = { permission: "default" as NotificationPermission, requestPermission: block };
    vi.stubGlobal("Notification", notification);
    render(<SettingsScreen />);
    // The screen's own reads answered first: no later render shows the hint in the fix's place.
    await screen.findByText(/In use:/);
    const box = screen.getByRole("checkbox", { name: "Notify when Claude needs me (while this tab is hidden)" });
    if ((box as HTMLInputElement).checked) fireEvent.click(box); // ticked by default: untick asks nothing
    fireEvent.click(box);
    expect((await screen.findByText(/Notifications are blocked/)).id).toBe(box.getAttribute("aria-describedby"));
  });

  it("says under a ticked 'Notify when Claude needs me' why this page can show none, and nothing once it is unticked", async () => {
    vi.stubGlobal("isSecureContext", true);
    vi.stubGlobal("Notification", { permission: "denied", requestPermission: async () => "denied" });
    render(<SettingsScreen />);
    const box = screen.getByRole("checkbox", { name: "Notify when Claude needs me (while this tab is hidden)" });
    expect(document.getElementById(box.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Notifications are blocked for this site: allow them in the browser's site settings, then reload.");
    fireEvent.click(box);
    expect(box.getAttribute("aria-describedby")).toBeNull();
    expect(screen.queryByText(/Notifications are blocked/)).toBeNull();
    await screen.findByText(/In use:/);
  });
});

/** The implicit role of a field (testing-library's queries need it by name). */
function roleOf(field: HTMLElement): string {
  if (field.tagName === "SELECT") return "combobox";
  return field.getAttribute("type") === "number" ? "spinbutton" : "textbox";
}
