// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { NotificationSettingsForm } from "./notification-settings.tsx";
import type { DeviceRow } from "./remote-api.ts";

isolateDomTests();

const phone: DeviceRow = {
  id: "dev_phone01",
  name: "Chrome on Android",
  isCurrent: true,
  isConnected: true,
  hasPush: false,
  createdAt: 1,
  lastSeenAt: 1,
  lastAddress: "192.168.1.20",
  userAgent: null,
  notifications: { needsInput: true, finished: true },
};

/** The PATCH bodies the form sent; each PATCH is answered only when the test says so. */
function recordPatches() {
  const bodies: unknown[] = [];
  const answers: (() => void)[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method !== "PATCH") return jsonResponse({ publicKey: "key", isSubscribed: false });
      bodies.push(JSON.parse(String(init.body)));
      await new Promise<void>((resolve) => answers.push(resolve));
      return jsonResponse({ device: phone });
    }),
  );
  return { bodies, answerAll: () => act(async () => answers.splice(0).forEach((answer) => answer())) };
}

describe("notifications on this device", () => {
  it("says on a plain-HTTP address that notifications need HTTPS, instead of a button that fails with a browser error", async () => {
    recordPatches();
    vi.stubGlobal("isSecureContext", false);
    render(<NotificationSettingsForm device={phone} onSaved={() => undefined} />);
    expect((await screen.findByRole("note")).textContent).toContain("Notifications need HTTPS");
    expect(screen.queryByRole("button", { name: "Turn on notifications" })).toBeNull();
    // The choices still save: they apply once this device reaches ChatML over HTTPS.
    expect(screen.getByRole("checkbox", { name: /needs me/ })).toBeTruthy();
  });

  it("says what a refused push subscription means, beside the browser's own words", async () => {
    recordPatches();
    vi.stubGlobal("isSecureContext", true);
    vi.stubGlobal("PushManager", class {});
    vi.stubGlobal("Notification", { permission: "default", requestPermission: async () => "granted" });
    // Chrome's incognito window: everything is there, and the subscription is refused.
    const pushManager = { getSubscription: async () => null, subscribe: async () => Promise.reject(new DOMException("Registration failed - permission denied", "AbortError")) };
    vi.stubGlobal("navigator", { ...navigator, serviceWorker: { getRegistration: async () => ({ pushManager }) } });
    render(<NotificationSettingsForm device={phone} onSaved={() => undefined} />);
    await act(async () => undefined); // the server's push key arrives
    fireEvent.click(screen.getByRole("button", { name: "Turn on notifications" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The browser refused to subscribe to notifications (it said: Registration failed - permission denied). A private or incognito window cannot receive them; in an ordinary window, check that this site may show notifications.",
    );
  });

  it("says a question closed unanswered can be answered on the next tap, and clears the refusal once that tap works", async () => {
    const puts: unknown[] = [];
    vi.stubGlobal("fetch", vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === "PUT") puts.push(JSON.parse(String(init.body)));
      return jsonResponse(init?.method === "PUT" ? { ok: true } : { publicKey: "key", isSubscribed: false });
    }));
    vi.stubGlobal("isSecureContext", true);
    vi.stubGlobal("PushManager", class {});
    const answers: NotificationPermission[] = ["default", "granted"];
    vi.stubGlobal("Notification", { permission: "default", requestPermission: async () => answers.shift() });
    const subscription = { toJSON: () => ({ endpoint: "https://fcm.googleapis.com/fcm/send/abc", keys: { p256dh: "p", auth: "a" } }) };
    const pushManager = { getSubscription: async () => null, subscribe: async () => subscription };
    vi.stubGlobal("navigator", { ...navigator, serviceWorker: { getRegistration: async () => ({ pushManager }) } });
    const saved = vi.fn();
    render(<NotificationSettingsForm device={phone} onSaved={saved} />);
    await act(async () => undefined); // the server's push key arrives
    fireEvent.click(screen.getByRole("button", { name: "Turn on notifications" }));
    expect((await screen.findByRole("alert")).textContent).toBe("The browser's question was closed without an answer: tap Turn on notifications again and choose Allow.");
    fireEvent.click(screen.getByRole("button", { name: "Turn on notifications" }));
    await vi.waitFor(() => expect(saved).toHaveBeenCalled());
    expect(puts).toEqual([{ endpoint: "https://fcm.googleapis.com/fcm/send/abc", keys: { p256dh: "p", auth: "a" } }]);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("saves both choices when both are tapped before the first save is answered (the second tap undid the first)", async () => {
    const patches = recordPatches();
    render(<NotificationSettingsForm device={phone} onSaved={() => undefined} />);
    fireEvent.click(screen.getByRole("checkbox", { name: /needs me/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: /finishes or fails/ }));
    expect(patches.bodies).toEqual([
      { notifications: { needsInput: false, finished: true } },
      { notifications: { needsInput: false, finished: false } },
    ]);
    expect(screen.getAllByRole<HTMLInputElement>("checkbox").map((box) => box.checked)).toEqual([false, false]);
    await patches.answerAll();
  });

  it("shows a choice the server did not save as it was, beside the reason", async () => {
    vi.stubGlobal("fetch", vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) =>
      init?.method === "PATCH" ? jsonResponse({ error: { code: "not_found", message: "No such device." } }, 404) : jsonResponse({ publicKey: "key", isSubscribed: false }),
    ));
    render(<NotificationSettingsForm device={phone} onSaved={() => undefined} />);
    const box = screen.getByRole<HTMLInputElement>("checkbox", { name: /needs me/ });
    fireEvent.click(box);
    expect((await screen.findByRole("alert")).textContent).toContain("No such device.");
    expect(box.checked).toBe(true);
  });
});
