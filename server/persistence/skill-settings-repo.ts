import { z } from "zod";
import type { WorkspaceId } from "../../shared/ids.ts";
import { ModelOption, SlashCommand } from "../../shared/protocol/model.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson } from "./errors.ts";

/** What one CLI version reported in its `initialize` answer, kept so pickers work before a CLI starts. */
export type CachedCapabilities = { cliVersion: string; commands: SlashCommand[]; models: ModelOption[]; updatedAt: number };

/** Per-workspace skill switches and the per-CLI-version capability cache. */
export class SkillSettingsRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  /** The skills a workspace switched on or off explicitly (absent: the default applies). */
  switches(workspaceId: WorkspaceId): Map<string, boolean> {
    const rows = this.db.all<{ skill_id: string; is_enabled: number }>(
      "SELECT skill_id, is_enabled FROM skill_settings WHERE workspace_id = $workspaceId",
      { workspaceId },
    );
    return new Map(rows.map((row) => [row.skill_id, row.is_enabled === 1]));
  }

  setEnabled(workspaceId: WorkspaceId, skillId: string, isEnabled: boolean): void {
    this.db.run(
      `INSERT INTO skill_settings (workspace_id, skill_id, is_enabled, updated_at) VALUES ($workspaceId, $skillId, $isEnabled, $at)
       ON CONFLICT (workspace_id, skill_id) DO UPDATE SET is_enabled = excluded.is_enabled, updated_at = excluded.updated_at`,
      { workspaceId, skillId, isEnabled: isEnabled ? 1 : 0, at: this.now() },
    );
  }

  /** Replaces what a CLI version reported. */
  saveCapabilities(cliVersion: string, commands: SlashCommand[], models: ModelOption[]): void {
    this.db.run(
      `INSERT INTO cli_capabilities (cli_version, commands, models, updated_at) VALUES ($cliVersion, $commands, $models, $at)
       ON CONFLICT (cli_version) DO UPDATE SET commands = excluded.commands, models = excluded.models, updated_at = excluded.updated_at`,
      { cliVersion, commands: JSON.stringify(commands), models: JSON.stringify(models), at: this.now() },
    );
  }

  /** What the given version last reported, or (no version) the newest report of any version; null when none. */
  capabilities(cliVersion: string | null): CachedCapabilities | null {
    const row = cliVersion
      ? this.db.get<CapabilityRow>("SELECT * FROM cli_capabilities WHERE cli_version = $cliVersion", { cliVersion })
      : this.db.get<CapabilityRow>("SELECT * FROM cli_capabilities ORDER BY updated_at DESC LIMIT 1");
    if (!row) return null;
    const where = `cli capabilities ${row.cli_version}`;
    return {
      cliVersion: row.cli_version,
      commands: decodeJson(z.array(SlashCommand), row.commands, where),
      models: decodeJson(z.array(ModelOption), row.models, where),
      updatedAt: row.updated_at,
    };
  }
}

type CapabilityRow = { cli_version: string; commands: string; models: string; updated_at: number };
