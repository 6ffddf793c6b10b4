import { useEffect, useRef } from "react";
import type { ConversationView } from "../../protocol/conversation-view.ts";
import { useChatSettings } from "../../stores/chat-settings-store.ts";

const BASE_TITLE = "ChatML";

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

function notify(title: string, body: string, tag: string): void {
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    n.close();
  };
}

/**
 * When the conversation needs the user (a permission, question or plan) or finishes while the tab is hidden: a
 * browser notification, an optional sound, and the count of waiting things in the tab title.
 */
export function useNotifications(view: ConversationView, title: string): void {
  const pending = view.pendingPermissions.length;
  const lastTurnAt = view.lastTurn?.at ?? null;
  const seen = useRef({ pending, lastTurnAt, unseen: 0 });
  useEffect(() => {
    const prev = seen.current;
    const isHidden = document.visibilityState === "hidden";
    const asks = pending > prev.pending;
    const finished = lastTurnAt !== null && lastTurnAt !== prev.lastTurnAt;
    if (isHidden && (asks || finished)) {
      prev.unseen += 1;
      const settings = useChatSettings.getState();
      if (settings.isNotifyOn) notify(asks ? "Claude needs you" : "Claude finished", title, `chatml-${title}`);
      if (settings.isSoundOn) beep();
    }
    prev.pending = pending;
    prev.lastTurnAt = lastTurnAt;
    const count = pending + prev.unseen;
    document.title = count > 0 ? `(${count}) ${BASE_TITLE}` : BASE_TITLE;
  }, [pending, lastTurnAt, title]);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState !== "visible") return;
      seen.current.unseen = 0;
      document.title = seen.current.pending > 0 ? `(${seen.current.pending}) ${BASE_TITLE}` : BASE_TITLE;
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      document.title = BASE_TITLE;
    };
  }, []);
}
