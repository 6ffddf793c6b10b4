import { homedir } from "node:os";
import type { Repositories } from "../../persistence/repositories.ts";
import type { EventBus } from "../event-bus.ts";
import { SkillService } from "./skill-service.ts";

export type SkillsDeps = {
  repos: Repositories;
  bus: EventBus;
  env: Record<string, string | undefined>;
  cliVersion: () => Promise<string | null>;
};

/** Builds the skill service and keeps the per-version capability cache fresh from every CLI's `initialize` answer. */
export function composeSkills(deps: SkillsDeps): { skills: SkillService; stop: () => void } {
  const skills = new SkillService({ repos: deps.repos, homeDir: deps.env.HOME ?? homedir(), cliVersion: deps.cliVersion });
  const stop = deps.bus.subscribe((message) => {
    if (message.kind !== "event" || message.sequenced.event.type !== "cli.capabilities.listed") return;
    const { commands, models } = message.sequenced.event;
    skills.recordCapabilities(commands, models).catch((error: unknown) => console.warn("[skills] could not cache CLI capabilities:", error));
  });
  return { skills, stop };
}
