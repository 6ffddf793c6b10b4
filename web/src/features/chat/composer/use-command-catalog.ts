import { useEffect, useMemo, useState } from "react";
import type { CommandCatalog, ConversationId, ModelOption, SlashCommand } from "../../../../../shared/index.ts";
import { skillsApi } from "../../../lib/skills-api.ts";
import type { ConversationView } from "../../../protocol/conversation-view.ts";

/**
 * What `/` offers and which models the picker lists: the running CLI's own report when there is one, else what the
 * last CLI of that version reported (cached by the server), always with the workspace's enabled skills. It is read
 * again when the page is shown again: a skill switched off or added on another device (or in another tab) meanwhile
 * is offered as it now is, not as it was when the conversation was opened.
 */
export function useCommandCatalog(id: ConversationId, view: ConversationView): { commands: SlashCommand[]; models: ModelOption[] } {
  const [catalog, setCatalog] = useState<CommandCatalog | null>(null);
  const liveKey = view.capabilities?.commands.length ?? 0;
  const [shownAgain, setShownAgain] = useState(0);
  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && setShownAgain((n) => n + 1);
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);
  useEffect(() => {
    let isCancelled = false;
    skillsApi.catalog(id).then(
      (next) => !isCancelled && setCatalog(next),
      (error: unknown) => console.warn("chatml: command catalog unavailable", error),
    );
    return () => {
      isCancelled = true;
    };
  }, [id, liveKey, shownAgain]);
  return useMemo(() => {
    const live = view.capabilities?.commands ?? (view.cliSession?.slashCommands ?? []).map((name) => ({ name, description: "", argumentHint: "" }));
    const cached = catalog?.commands ?? [];
    const known = new Set(cached.map((command) => command.name));
    // The server's list carries skill descriptions and honours switches; it is refetched when the live CLI reports.
    // Until some CLI has reported once, the live names are added to it.
    const commands = catalog ? [...cached, ...(catalog.cliVersion ? [] : live.filter((command) => !known.has(command.name)))] : live;
    const models = view.capabilities?.models.length ? view.capabilities.models : (catalog?.models ?? []);
    return { commands, models };
  }, [catalog, view.capabilities, view.cliSession]);
}
