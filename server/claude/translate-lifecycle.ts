import type { z } from "zod";
import type { MessageId } from "../../shared/ids.ts";
import type { DomainEvent, EphemeralEvent } from "../../shared/protocol/events.ts";
import type { CliCommandLifecycle, CliPromptSuggestion } from "./cli-schemas.ts";
import { promptUuidOf } from "./prompt-uuid.ts";
import { notice, type LifecycleMemory } from "./translate-state.ts";

const STATES: ReadonlySet<string> = new Set(["queued", "started", "completed", "cancelled"]);

/** `prompt_suggestion` → `prompt.suggested`, remembered until the next turn starts. */
export function translatePromptSuggestion(msg: z.infer<typeof CliPromptSuggestion>, memory: LifecycleMemory): DomainEvent[] {
  const suggestion = msg.suggestion.trim();
  if (!suggestion) return [];
  memory.suggestion = suggestion;
  return [{ type: "prompt.suggested", suggestion }];
}

/**
 * `command_lifecycle` → `message.lifecycle` of the ChatML message sent with that uuid. A uuid ChatML did not send
 * (another host's message) has no message to show it on and says nothing; a state ChatML does not know is said once.
 */
export function translateCommandLifecycle(msg: z.infer<typeof CliCommandLifecycle>, memory: LifecycleMemory): DomainEvent[] {
  if (!STATES.has(msg.state)) {
    if (memory.unknownStates.has(msg.state)) return [];
    memory.unknownStates.add(msg.state);
    return [notice("info", `Claude Code said a message is "${msg.state.slice(0, 40)}", a queue state ChatML does not know yet.`)];
  }
  const messageId = memory.prompts.get(msg.command_uuid);
  if (!messageId) return [];
  const state = msg.state as "queued" | "started" | "completed" | "cancelled";
  if (state === "completed" || state === "cancelled") memory.open.delete(messageId);
  else memory.open.set(messageId, state);
  return [{ type: "message.lifecycle", messageId, state }];
}

/** The runtime sent a prompt: its lifecycle lines name it by `promptUuidOf(messageId)`; a new turn ends the suggestion. */
export function notePromptSent(memory: LifecycleMemory, messageId: MessageId): void {
  memory.prompts.set(promptUuidOf(messageId), messageId);
  memory.suggestion = null;
}

/** For a device that joins: the suggestion on offer and the states of prompts not yet finished. */
export function lifecycleSnapshot(memory: LifecycleMemory): EphemeralEvent[] {
  const states: EphemeralEvent[] = [...memory.open].map(([messageId, state]) => ({ type: "message.lifecycle", messageId, state }));
  return memory.suggestion ? [...states, { type: "prompt.suggested", suggestion: memory.suggestion }] : states;
}
