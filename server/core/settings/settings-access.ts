import type { Settings, UpdateSettingsInput } from "../../../shared/api/inputs.ts";
import type { SettingsRepo } from "../../persistence/repositories.ts";

/** The server's settings as the composition root hands them out: read, change, and hear each change once stored. */
export interface SettingsAccess {
  get(): Settings;
  update(patch: UpdateSettingsInput): Settings;
  /** Calls `listener` with each stored patch (the keys a change set); returns the unsubscribe. */
  onChange(listener: (patch: UpdateSettingsInput) => void): () => void;
}

/**
 * Settings over their repository. Most are read where they are used (the transport at a launch); a few act on what
 * already runs (the idle-sleep time on idle CLIs) and listen here, so a change applies at once, not at the next use.
 * @example const settings = settingsAccess(repos.settings); settings.onChange((patch) => patch.cliSleepAfterMinutes !== undefined && rearm());
 */
export function settingsAccess(repo: SettingsRepo): SettingsAccess {
  const listeners = new Set<(patch: UpdateSettingsInput) => void>();
  return {
    get: () => repo.get(),
    update: (patch) => {
      const settings = repo.update(patch);
      for (const listener of listeners) listener(patch);
      return settings;
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
