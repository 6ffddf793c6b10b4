import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempDb, type TempDb } from "../../persistence/test-support.ts";
import { settingsAccess } from "./settings-access.ts";

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

describe("settingsAccess", () => {
  it("stores a change, then tells each listener the patch once; an unsubscribed listener hears nothing", () => {
    const settings = settingsAccess(t.repos.settings);
    const heard: unknown[] = [];
    const stop = settings.onChange((patch) => heard.push(patch));
    // The listener reads what was stored, so it must run after the write, not before.
    settings.onChange((patch) => patch.cliSleepAfterMinutes !== undefined && heard.push(settings.get().cliSleepAfterMinutes));
    expect(settings.update({ cliSleepAfterMinutes: 3 }).cliSleepAfterMinutes).toBe(3);
    expect(heard).toEqual([{ cliSleepAfterMinutes: 3 }, 3]);
    stop();
    settings.update({ aiTitles: false });
    expect(heard).toHaveLength(2);
    expect(settingsAccess(t.repos.settings).get().aiTitles).toBe(false);
  });

  it("tells no listener about a patch the repository refused", () => {
    const settings = settingsAccess(t.repos.settings);
    const heard: unknown[] = [];
    settings.onChange((patch) => heard.push(patch));
    expect(() => settings.update({ transport: "carrier-pigeon" as "auto" })).toThrow();
    expect(heard).toEqual([]);
    expect(settings.get().transport).toBe("auto");
  });
});
