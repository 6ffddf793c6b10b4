import { Settings, type UpdateSettingsInput } from "../../shared/api/inputs.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson } from "./errors.ts";
import type { KeptRows } from "./kept-rows.ts";

/** The settings schema (shared with the API), re-exported for the composition root. */
export const SettingsSchema = Settings;

/** What every setting is until the user changes it. */
export const DEFAULT_SETTINGS: Settings = { transport: "auto", claudeBin: null, jobConcurrency: 1, cliSleepAfterMinutes: 10, defaultConversationMode: "chat", promptSuggestions: false, aiTitles: true, aiSummaries: true };

type SettingKey = keyof Settings;
/** The setting keys, read from the schema on first use (shared schemas are built lazily, ADR 0036). */
let keys: SettingKey[] | null = null;
const settingKeys = (): SettingKey[] => (keys ??= Object.keys(Settings.shape) as SettingKey[]);

/** User settings, one row per key (JSON value); unset keys read as {@link DEFAULT_SETTINGS}. */
export class SettingsRepo {
  /** Read on every send (the transport, the sleep timer); forgotten by `db` on every write to settings (ADR 0132). */
  private readonly kept: KeptRows<Settings>;

  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {
    this.kept = db.keepRows<Settings>("settings");
  }

  /** All settings, defaults filled in. Keys this version does not know are ignored; an invalid value throws. */
  get(): Settings {
    return this.kept.of("all", () => this.read())!;
  }

  private read(): Settings {
    const rows = this.db.all<{ key: string; value: string }>("SELECT key, value FROM settings");
    const stored: Record<string, unknown> = {};
    for (const row of rows) {
      if (!isKey(row.key)) continue;
      stored[row.key] = decodeJson(Settings.shape[row.key], row.value, `setting ${row.key}`);
    }
    return Settings.parse({ ...DEFAULT_SETTINGS, ...stored });
  }

  /** Stores the given keys (validated) in one transaction and returns all settings. */
  update(patch: UpdateSettingsInput): Settings {
    const valid = Settings.partial().parse(patch);
    const at = this.now();
    this.db.transaction(() => {
      for (const key of settingKeys()) {
        if (valid[key] === undefined) continue;
        this.db.run(
          `INSERT INTO settings (key, value, updated_at) VALUES ($key, $value, $at)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          { key, value: JSON.stringify(valid[key]), at },
        );
      }
    });
    return this.get();
  }

  /** Stores one setting and returns all settings. */
  set<K extends SettingKey>(key: K, value: Settings[K]): Settings {
    return this.update({ [key]: value });
  }
}

function isKey(key: string): key is SettingKey {
  return (settingKeys() as string[]).includes(key);
}
