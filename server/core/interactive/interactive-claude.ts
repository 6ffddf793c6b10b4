import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SessionId, TerminalId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { PermissionMode } from "../../../shared/protocol/model.ts";
import type { TerminalInfo } from "../../../shared/protocol/terminals.ts";
import { permissionHookSettings } from "../../claude/hooks/hook-settings.ts";
import type { TerminalService } from "../terminals/terminal-service.ts";
import { APPROVAL_WAIT_MS, ApprovalBroker } from "./approval-broker.ts";

type Deps = {
  terminals: TerminalService;
  broker: ApprovalBroker;
  dataDir: string;
  /** The Claude Code CLI to run, or null when none is installed. */
  claudePath(): Promise<string | null>;
  /** Bun, which runs the hook script. */
  bunPath: string;
};

export type StartInteractive = { cols: number; rows: number; resumeSessionId?: string; permissionMode?: PermissionMode };

/**
 * The real interactive `claude` TUI in a session terminal (it bills against the user's plan like any terminal use),
 * with a PermissionRequest hook set for that process only (`--settings`) that routes its permission prompts to every
 * device through the {@link ApprovalBroker}.
 */
export class InteractiveClaude {
  private hookUrl: string | null = null;
  private readonly settingsFiles = new Map<TerminalId, string>();

  constructor(private readonly deps: Deps) {
    deps.terminals.onChange((sessionId, list) => this.forgetEnded(sessionId, list));
  }

  /** Where hooks call back (the server's own loopback origin), known once the server listens. */
  setHookUrl(origin: string): void {
    this.hookUrl = `${origin}/hooks/permission-request`;
  }

  async start(sessionId: SessionId, input: StartInteractive): Promise<TerminalInfo> {
    const bin = await this.deps.claudePath();
    if (!bin) throw new AppError("cli_not_found", "No Claude Code CLI was found; install it or set its path in Settings.");
    if (!this.hookUrl) throw new AppError("internal", "The server is not listening yet.");
    const dir = join(this.deps.dataDir, "interactive");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const settingsFile = join(dir, `${crypto.randomUUID()}.json`);
    writeFileSync(settingsFile, JSON.stringify(permissionHookSettings(this.deps.bunPath, APPROVAL_WAIT_MS / 1000)), { mode: 0o600 });
    const secret = ApprovalBroker.newSecret();
    const argv = [bin, "--settings", settingsFile];
    if (input.resumeSessionId) argv.push("--resume", input.resumeSessionId);
    if (input.permissionMode) argv.push("--permission-mode", input.permissionMode);
    const env = { CHATML_HOOK_URL: this.hookUrl, CHATML_HOOK_SECRET: secret };
    let terminal: TerminalInfo;
    try {
      terminal = this.deps.terminals.create(sessionId, { name: "Claude", kind: "claude", cols: input.cols, rows: input.rows, argv, env });
    } catch (error) {
      rmSync(settingsFile, { force: true });
      throw error;
    }
    this.deps.broker.register(terminal.id, sessionId, secret);
    this.settingsFiles.set(terminal.id, settingsFile);
    return terminal;
  }

  /** A closed claude terminal takes its secret and settings file with it. */
  private forgetEnded(sessionId: SessionId, list: TerminalInfo[]): void {
    const present = new Set(list.map((t) => t.id));
    for (const [id, file] of this.settingsFiles) {
      if (present.has(id) || this.deps.broker.sessionOf(id) !== sessionId) continue;
      this.deps.broker.unregister(id);
      rmSync(file, { force: true });
      this.settingsFiles.delete(id);
    }
  }
}
