// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../../../shared/index.ts";
import { useChatSettings } from "../../stores/chat-settings-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useAttentionNotifications } from "./use-attention-notifications.ts";

isolateDomTests();
afterEach(() => {
  useConversationsStore.setState({ conversations: {} });
  vi.restoreAllMocks();
});

const running = { id: "cnv_phone01", title: "Fix the parser", status: "running", statusReason: null } as Conversation;

/** Chrome on Android: notifications are allowed, but a page cannot construct one; only its service worker shows them. */
function androidChrome() {
  const shown: { title: string; options: NotificationOptions }[] = [];
  const Notification = vi.fn(() => {
    throw new TypeError("Failed to construct 'Notification': Illegal constructor. Use ServiceWorkerRegistration.showNotification() instead.");
  });
  vi.stubGlobal("Notification", Object.assign(Notification, { permission: "granted" }));
  const registration = { showNotification: async (title: string, options: NotificationOptions) => void shown.push({ title, options }) };
  vi.stubGlobal("navigator", { ...navigator, serviceWorker: { getRegistration: async () => registration } });
  vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
  return shown;
}

describe("notifications while the tab is hidden", () => {
  it("shows one through the service worker where a page cannot construct one, opening the conversation, secrets hidden, and counts it in the title", async () => {
    const shown = androidChrome();
    useChatSettings.setState({ isNotifyOn: true, isSoundOn: false });
    useConversationsStore.setState({ conversations: { [running.id]: running } });
    renderHook(() => useAttentionNotifications());
    act(() => useConversationsStore.setState({ conversations: { [running.id]: { ...running, status: "waiting", statusReason: "Bash: GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ npm test" } } }));
    await waitFor(() => expect(shown).toHaveLength(1));
    expect(shown[0]).toEqual({ title: "Claude needs you", options: { body: "Fix the parser — Bash: GITHUB_TOKEN=••• npm test", tag: `chatml-${running.id}`, data: { url: `/#/c/${running.id}` } } });
    expect(document.title).toBe("(1) ChatML");
  });
});
