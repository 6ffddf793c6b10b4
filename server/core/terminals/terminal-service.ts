import { newId, type ConversationId, type SessionId, type TerminalId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { EffortLevel, PermissionMode } from "../../../shared/protocol/model.ts";
import { MAX_TERMINALS_PER_SESSION, type EndedTerminal, type TerminalInfo } from "../../../shared/protocol/terminals.ts";
import { bypassProxyForLoopback } from "../../claude/loopback-proxy.ts";
import { LiveTerminal, type ExplainExit, type LaunchSpec, type ReadScreen, type SpawnPty } from "./live-terminal.ts";
import type { TerminalViewer } from "./viewer-stream.ts";

/**
 * Where a session's terminals run: its worktree (or folder) and its environment-variable set; `isArchived` when the
 * session or its workspace was archived (removed), where no terminal may start.
 */
export type SessionPlace = { cwd: string; env: Record<string, string>; isArchived?: boolean };

export type TerminalServiceDeps = {
  spawn: SpawnPty;
  now: () => number;
  /** The session's folder and env set, or null when the session does not exist (any more). */
  placeOf(sessionId: SessionId): SessionPlace | null;
  /** The server's own environment, the base every terminal's environment starts from. */
  baseEnv: Record<string, string | undefined>;
  /** Where open terminals are recorded, so the server started again can say which ones its stop ended. */
  records?: TerminalRecords;
  /**
   * How often, while a terminal is open, running terminals' changed last lines are recorded and the server is recorded
   * as seen with them (default {@link LAST_LINES_SAVE_MS}).
   */
  lastLinesEveryMs?: number;
};

/**
 * A running terminal's last lines are recorded this often, when its screen changed: a server killed without a stop
 * (kill -9, a crash, the machine's power) left its notices with none, as they were only taken at a clean stop. A few
 * bounded lines per terminal every few seconds costs next to nothing; a stop still records the very last ones. The
 * same tick records when the server was last seen with its terminals open (one UPDATE), what a crash's notice says;
 * it runs only while a terminal is open.
 */
export const LAST_LINES_SAVE_MS = 3000;

/** The record of open terminals and of those a server stop ended (persistence's TerminalRepo). */
export type TerminalRecords = {
  /** `lastLines`: what its screen showed as it ended, kept for its notice once a restart ended it (see EndedTerminal). */
  save(info: TerminalInfo, lastLines?: string[]): void;
  remove(id: TerminalId): void;
  /** The running server is alive with its open terminals (the time a crash's notice says they were last seen). */
  seen(now: number): void;
  /** Every terminal still listed ended: by this server's clean stop, or by a crash the next start found. */
  endOpen(now: number, endedBy: NonNullable<EndedTerminal["endedBy"]>): void;
  ended(sessionId: SessionId): EndedTerminal[];
  sessionOfEnded(id: TerminalId): SessionId | null;
};

export type CreateTerminal = {
  name?: string;
  cols: number;
  rows: number;
  argv?: string[];
  kind?: TerminalInfo["kind"];
  conversationId?: ConversationId;
  /** What a restart runs, decided at the restart (e.g. `--resume` of the session the first run created); default argv. */
  restartArgv?: () => string[];
  /**
   * What each launch says of itself, read right after its argv (so after `restartArgv`) and published with its start:
   * a restarted TUI's info says the effort it was asked for as it starts, not at its first screen read.
   */
  launchInfo?: () => Partial<TerminalInfo>;
  /** Extra environment for this terminal only (e.g. the interactive claude's hook secret). */
  env?: Record<string, string>;
  /** Why approvals from other devices are off for it (see TerminalInfo). */
  approvalsOff?: string | null;
  /** Why the Skills screen's switches are not checked in it (see TerminalInfo). */
  skillChecksOff?: string | null;
  /** Its `problem` when the process exits (e.g. what a failed interactive claude said, and what to do). */
  explainExit?: ExplainExit;
  /** What its screen tells beyond the bytes, published as part of its info (e.g. an interactive claude's mode). */
  readScreen?: ReadScreen;
  /** The permission mode it starts in, when known (see TerminalInfo). */
  permissionMode?: PermissionMode | null;
  /** The effort level it starts at, when it is an interactive claude (see TerminalInfo). */
  effort?: EffortLevel | null;
};
export type TerminalsListener = (sessionId: SessionId, terminals: TerminalInfo[], ended: EndedTerminal[]) => void;

/** The session's terminals: up to five PTYs each, kept running by the server whether or not anyone watches. */
export class TerminalService {
  private readonly terminals = new Map<TerminalId, LiveTerminal>();
  private readonly listeners = new Set<TerminalsListener>();
  /** Set while the server stops: the terminals ending then stay recorded as open, so the next start says they ended. */
  private isStopping = false;
  /**
   * Closes under way, by terminal (e.g. of an archived session's terminals): the server's stop waits for them before
   * the database closes, and a second Close of one (tapped again, or on another device, while a process that ignores
   * the hang-up has its grace period) joins it instead of failing as "does not exist".
   */
  private readonly closing = new Map<TerminalId, Promise<void>>();
  /** Runs while a terminal is open (none runs for a server with none): see LAST_LINES_SAVE_MS. */
  private lastLinesTimer: ReturnType<typeof setInterval> | undefined;

  /**
   * Terminals recorded as open are ones a previous run of the server left without its stop (which records its own):
   * it quit unexpectedly (kill -9, a crash, the machine's power).
   */
  constructor(private readonly deps: TerminalServiceDeps) {
    deps.records?.endOpen(deps.now(), "crash");
  }

  /** Called with a session's whole list whenever one of its terminals changes. */
  onChange(listener: TerminalsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(sessionId: SessionId): TerminalInfo[] {
    return [...this.terminals.values()].filter((t) => t.info.sessionId === sessionId).map((t) => t.info);
  }

  /** The session's terminals a server restart ended, whose notice was not dismissed yet. */
  ended(sessionId: SessionId): EndedTerminal[] {
    return this.deps.records?.ended(sessionId) ?? [];
  }

  /** Dismisses the notice of a terminal a restart ended. */
  dismissEnded(id: TerminalId): void {
    const sessionId = this.deps.records?.sessionOfEnded(id);
    if (!sessionId) throw new AppError("not_found", `No ended terminal ${id} to dismiss (dismissed already?).`);
    this.deps.records?.remove(id);
    this.publish(sessionId);
  }

  get(id: TerminalId): TerminalInfo {
    return this.live(id).info;
  }

  create(sessionId: SessionId, input: CreateTerminal): TerminalInfo {
    const place = this.deps.placeOf(sessionId);
    if (!place) throw new AppError("not_found", `Session ${sessionId} does not exist.`);
    // Archiving ends a session's terminals; one started after (a device that had not heard yet) would run unseen.
    if (place.isArchived) throw new AppError("conflict", "This session is archived, or its workspace removed: restore it to open a terminal.");
    const existing = this.list(sessionId);
    if (existing.length >= MAX_TERMINALS_PER_SESSION) {
      throw new AppError("conflict", `A session has at most ${MAX_TERMINALS_PER_SESSION} terminals; close one first.`);
    }
    const argv = input.argv ?? [this.shell(sessionId), "-i"];
    const info: TerminalInfo = {
      id: newId("terminal"),
      sessionId,
      name: input.name?.trim() || nextName(existing),
      kind: input.kind ?? "shell",
      conversationId: input.conversationId ?? null,
      command: argv,
      status: "running",
      exitCode: null,
      problem: null,
      ...(input.approvalsOff ? { approvalsOff: input.approvalsOff } : {}),
      ...(input.skillChecksOff ? { skillChecksOff: input.skillChecksOff } : {}),
      ...(input.kind === "claude" ? { permissionMode: input.permissionMode ?? null, effort: input.effort ?? null, launchedEffort: input.effort ?? null } : {}),
      cols: input.cols,
      rows: input.rows,
      createdAt: this.deps.now(),
    };
    let launches = 0;
    const argvNow = () => (launches++ > 0 && input.restartArgv ? input.restartArgv() : argv);
    const launch = () => ({ ...this.launchSpec(sessionId, argvNow(), input.env ?? {}, info.kind), ...(input.launchInfo ? { info: input.launchInfo() } : {}) });
    const terminal = new LiveTerminal(info, launch, this.deps.spawn, () => this.publish(sessionId), input.explainExit, input.readScreen);
    this.terminals.set(info.id, terminal);
    terminal.start();
    this.recordWhileOpen();
    return terminal.info;
  }

  rename(id: TerminalId, name: string): TerminalInfo {
    const terminal = this.live(id);
    terminal.rename(name.trim() || terminal.info.name);
    return terminal.info;
  }

  async kill(id: TerminalId): Promise<TerminalInfo> {
    const terminal = this.live(id);
    await terminal.kill();
    return terminal.info;
  }

  async restart(id: TerminalId): Promise<TerminalInfo> {
    const terminal = this.live(id);
    await terminal.restart();
    return terminal.info;
  }

  /** Kills the process and removes the terminal from its session. */
  async close(id: TerminalId): Promise<void> {
    const underWay = this.closing.get(id);
    if (underWay) return underWay;
    const terminal = this.live(id);
    this.terminals.delete(id);
    if (this.terminals.size === 0) this.stopRecording();
    // One the server's stop ends stays recorded as open: the next start says the stop ended it.
    const isForgotten = !this.isStopping;
    const closing = terminal
      .dispose()
      .then(() => {
        if (isForgotten) this.deps.records?.remove(id);
        this.publish(terminal.info.sessionId);
      })
      .finally(() => this.closing.delete(id));
    this.closing.set(id, closing);
    await closing;
  }

  /** Ends every terminal of a session (it was deleted). */
  async closeSession(sessionId: SessionId): Promise<void> {
    const ids = this.list(sessionId).map((t) => t.id);
    await Promise.all(ids.map((id) => this.close(id)));
  }

  /** How many of these sessions' terminals are running (what archiving or removing them would end). */
  countRunning(sessionIds: Iterable<SessionId>): number {
    const wanted = new Set(sessionIds);
    return [...this.terminals.values()].filter((t) => wanted.has(t.info.sessionId) && t.info.status === "running").length;
  }

  /** Ends terminals whose session no longer exists (after a workspace's history was deleted). */
  async closeOrphans(): Promise<void> {
    const sessions = new Set([...this.terminals.values()].map((t) => t.info.sessionId));
    for (const sessionId of sessions) if (!this.deps.placeOf(sessionId)) await this.closeSession(sessionId);
  }

  /** Ends every terminal as the server stops; each is recorded as ended by its clean stop (see the constructor). */
  async stopAll(): Promise<void> {
    this.isStopping = true;
    this.stopRecording();
    // Their screens as the stop finds them, before the hang-up's "[closed]": the notice after the start shows them.
    for (const terminal of this.terminals.values()) this.deps.records?.save(terminal.info, terminal.lastLines());
    this.deps.records?.endOpen(this.deps.now(), "stop");
    await Promise.all([...this.closing.values(), ...[...this.terminals.keys()].map((id) => this.close(id))]);
  }

  input(id: TerminalId, data: string): void {
    this.live(id).input(data);
  }

  resize(id: TerminalId, cols: number, rows: number): void {
    this.live(id).resize(cols, rows);
  }

  attach(id: TerminalId, viewerKey: string, viewer: TerminalViewer): void {
    this.live(id).attach(viewerKey, viewer);
  }

  detach(id: TerminalId, viewerKey: string): void {
    this.terminals.get(id)?.detach(viewerKey);
  }

  /** The live terminal itself, for tests and the interactive-mode room. */
  live(id: TerminalId): LiveTerminal {
    const terminal = this.terminals.get(id);
    if (!terminal) throw new AppError("not_found", `Terminal ${id} does not exist (any more).`);
    return terminal;
  }

  private launchSpec(sessionId: SessionId, argv: string[], extraEnv: Record<string, string>, kind: TerminalInfo["kind"]): LaunchSpec {
    const place = this.deps.placeOf(sessionId);
    if (!place) throw new Error("the session no longer exists");
    const env: Record<string, string | undefined> = { ...this.deps.baseEnv, ...place.env, ...extraEnv, TERM: "xterm-256color", COLORTERM: "truecolor", CHATML_SESSION_ID: sessionId };
    // Without a locale bash and readline count a wide character (CJK, emoji) as several bytes; the user's own stays.
    if (!env.LC_ALL && !env.LC_CTYPE && !env.LANG) env.LANG = process.platform === "darwin" ? "en_US.UTF-8" : "C.UTF-8";
    // An interactive claude reaches ChatML on loopback (its MCP server, its permission hook); a shell is the user's own.
    return { argv, cwd: place.cwd, env: kind === "claude" ? bypassProxyForLoopback(env) : env };
  }

  private shell(sessionId: SessionId): string {
    return this.deps.placeOf(sessionId)?.env.SHELL ?? this.deps.baseEnv.SHELL ?? "/bin/bash";
  }

  /**
   * Records the server as seen with the terminal just opened, and, as the first one opens, starts recording what a
   * crash's notices will need (see LAST_LINES_SAVE_MS).
   */
  private recordWhileOpen(): void {
    if (!this.deps.records || this.isStopping) return;
    this.deps.records.seen(this.deps.now());
    if (this.lastLinesTimer) return;
    this.lastLinesTimer = setInterval(() => this.saveChangedLines(), this.deps.lastLinesEveryMs ?? LAST_LINES_SAVE_MS);
    // It never keeps the process alive by itself (a test, a server whose stop is under way).
    this.lastLinesTimer.unref?.();
  }

  private stopRecording(): void {
    clearInterval(this.lastLinesTimer);
    this.lastLinesTimer = undefined;
  }

  /**
   * Records the server as seen with its open terminals, and the last lines of each running one whose screen changed
   * (see LAST_LINES_SAVE_MS).
   */
  private saveChangedLines(): void {
    if (this.isStopping) return;
    try {
      this.deps.records?.seen(this.deps.now());
      for (const terminal of this.terminals.values()) {
        if (terminal.info.status !== "running") continue;
        const lines = terminal.takeChangedLines();
        if (lines) this.deps.records?.save(terminal.info, lines);
      }
    } catch (error) {
      // A timer's throw would take the server down; the next change tries again, and a clean stop records them anyway.
      console.error("[terminals] could not record the last lines of the running terminals:", error);
    }
  }

  private publish(sessionId: SessionId): void {
    const terminals = this.list(sessionId);
    // A running one keeps the lines last recorded for it: a rename or a resize must not drop them from its record.
    if (!this.isStopping) for (const info of terminals) this.deps.records?.save(info, info.status === "exited" ? this.live(info.id).lastLines() : this.live(info.id).keptLines);
    const ended = this.ended(sessionId);
    for (const listener of this.listeners) {
      try {
        listener(sessionId, terminals, ended);
      } catch (error) {
        console.error("[terminals] a listener failed:", error);
      }
    }
  }
}

function nextName(existing: TerminalInfo[]): string {
  const taken = new Set(existing.map((t) => t.name));
  for (let n = 1; ; n += 1) if (!taken.has(`Terminal ${n}`)) return `Terminal ${n}`;
}
