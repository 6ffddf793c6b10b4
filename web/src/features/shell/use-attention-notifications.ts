import { useEffect } from "react";
import type { ConversationStatus } from "../../../../shared/index.ts";
import { useChatSettings } from "../../stores/chat-settings-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { attentionChanges, attentionTitle } from "./attention.ts";
import { conversationTitle } from "../../lib/shown-title.ts";

function beep(): void {
  const Ctx = window.AudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 880;
  gain.gain.value = 0.08;
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.15);
  osc.onended = () => void ctx.close();
}

/**
 * Shows a notification from this page, through the service worker when there is one: Chrome on Android has no page
 * `Notification` constructor (it throws "Illegal constructor", which stopped the tab title's count too), and the
 * worker's notification opens the conversation when tapped (sw.js `notificationclick`) where a page's focused the tab.
 */
async function notify(title: string, text: string, tag: string, url: string): Promise<void> {
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  // What it waits for may be a command with a token in it, read on a lock screen (ADR 0231). Loaded when a
  // notification is shown: every page loads this hook, few show one (the first load's budget, issue 16).
  const { hideSecrets } = await import("../../../../shared/hide-secrets.ts");
  const body = hideSecrets(text).text;
  const registration = "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  if (registration) return registration.showNotification(title, { body, tag, data: { url } });
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    n.close();
  };
}

/**
 * App-wide, whatever page the tab shows: when any conversation starts waiting for the user (a permission, question or
 * plan) or finishes while the tab is hidden, a browser notification naming it and an optional sound; the tab title
 * counts the conversations waiting plus the unseen finishes.
 */
export function useAttentionNotifications(): void {
  useEffect(() => {
    let statuses = new Map<string, ConversationStatus>();
    let unseenFinished = 0;
    const update = () => {
      const conversations = Object.values(useConversationsStore.getState().conversations);
      const { asked, finished } = attentionChanges(statuses, conversations);
      statuses = new Map(conversations.map((c) => [c.id, c.status]));
      if (document.visibilityState === "hidden" && asked.length + finished.length > 0) {
        unseenFinished += finished.length;
        const settings = useChatSettings.getState();
        for (const c of conversations.filter((x) => asked.includes(x.id) || finished.includes(x.id))) {
          const isAsking = c.status === "waiting";
          if (!settings.isNotifyOn) continue;
          const body = [conversationTitle(c), isAsking ? c.statusReason : null].filter(Boolean).join(" — ");
          notify(isAsking ? "Claude needs you" : "Claude finished", body, `chatml-${c.id}`, `/#/c/${c.id}`).catch((error: unknown) => console.warn("chatml: the notification was not shown", error));
        }
        if (settings.isSoundOn) beep();
      }
      const waiting = conversations.filter((c) => c.status === "waiting").length;
      document.title = attentionTitle(waiting, unseenFinished);
    };
    const onVisible = () => {
      if (document.visibilityState !== "visible") return;
      unseenFinished = 0;
      update();
    };
    update();
    const unsubscribe = useConversationsStore.subscribe(update);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      unsubscribe();
      document.removeEventListener("visibilitychange", onVisible);
      document.title = "ChatML";
    };
  }, []);
}
