import type { TerminalInfo } from "../../../shared/protocol/terminals.ts";
import type { PtyProcess, PtyOptions } from "../../terminal/pty.ts";
import { lastLines } from "./last-lines.ts";
import { ScreenModel } from "./screen-model.ts";
import { ViewerStream, type TerminalViewer } from "./viewer-stream.ts";
import { messageOf } from "../../../shared/error-message.ts";

export type SpawnPty = (options: PtyOptions) => PtyProcess;
/**
 * What to run and where; `env` is complete (the server's environment plus the session's set). `info`: what this launch
 * says of itself, published with its start (e.g. the effort a restarted TUI was asked for).
 */
export type LaunchSpec = { argv: string[]; cwd: string; env: Record<string, string | undefined>; info?: Partial<TerminalInfo> };
/** Why a process that exited with this code ended, read from its last screen, in words; null when there is nothing to say. */
export type ExplainExit = (exitCode: number | null, screen: string[]) => string | null;
/** What the screen tells of the process beyond its bytes (e.g. the mode a TUI's status line shows), or null for nothing. */
export type ReadScreen = (screen: string[]) => Partial<TerminalInfo> | null;

/** A resize storm (a window being dragged, a phone rotating) reaches the PTY at most this often. */
const RESIZE_SETTLE_MS = 40;
/** The screen is read (see ReadScreen) at most this often: a TUI redraws its status line with every frame. */
const SCREEN_READ_MS = 250;
/** A process that ignores the hang-up is killed this long after it. */
const KILL_GRACE_MS = 2000;
const DIM = "\x1b[2m";
const RESET = "\x1b[0m";
/** Why ChatML itself ended a run. */
type EndWhy = "kill" | "restart" | "close";
/** What the screen says when ChatML itself ended the run, instead of the exit code the hang-up caused. */
const ENDED_HERE: Record<EndWhy, string> = { kill: "killed", restart: "stopped for the restart", close: "closed" };

/**
 * One terminal: its PTY process, the server-side screen, and the devices watching it. The process keeps running
 * with no viewer at all; a viewer that comes later gets the screen from the model.
 */
export class LiveTerminal {
  private pty: PtyProcess | null = null;
  private screen: ScreenModel;
  private decoder = new TextDecoder("utf-8");
  private readonly viewers = new Map<string, ViewerStream>();
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingSize: { cols: number; rows: number } | null = null;
  private generation = 0;
  /** The restart under way: a second Restart joins it rather than start a second process. */
  private restarting: Promise<void> | null = null;
  private isDisposed = false;
  /**
   * The run ChatML itself ended (Kill, Restart, Close) and why: its exit is not a failure to explain. The TUI answers
   * the hang-up by exiting 129, which read as an error ("[process exited with code 129]", "Claude Code said: Resume
   * this session with: …").
   */
  private endedRun: { generation: number; why: EndWhy } = { generation: 0, why: "kill" };
  private screenReadTimer: ReturnType<typeof setTimeout> | undefined;
  /** What its screen showed as its last run exited, before the line saying how: kept with its record (see lastLines). */
  private exitLines: string[] | null = null;
  /** Whether its screen took output since its last lines were last taken (see takeChangedLines). */
  private isScreenChanged = false;
  private takenLines: string[] | undefined;

  constructor(
    public info: TerminalInfo,
    private readonly launch: () => LaunchSpec,
    private readonly spawn: SpawnPty,
    private readonly onChange: (info: TerminalInfo) => void,
    private readonly explainExit: ExplainExit = () => null,
    private readonly readScreen: ReadScreen | null = null,
  ) {
    this.screen = new ScreenModel(info.cols, info.rows);
  }

  /** Starts the process; a failure to start is shown on the screen and in `problem`, never thrown. */
  start(): void {
    if (this.isDisposed) return;
    const generation = ++this.generation;
    this.exitLines = null;
    let spec: LaunchSpec;
    try {
      spec = this.launch();
      this.pty = this.spawn({ ...spec, cols: this.info.cols, rows: this.info.rows, onData: (bytes) => this.onData(generation, bytes) });
    } catch (error) {
      const message = messageOf(error);
      this.pty = null;
      // It printed nothing: its notice says why (its problem), not ChatML's own line saying it again.
      this.exitLines = [];
      this.emit(`${DIM}[could not start: ${message}]${RESET}\r\n`);
      this.update({ status: "exited", exitCode: null, ending: "could_not_start", signal: null, problem: message });
      return;
    }
    this.update({ ...spec.info, status: "running", exitCode: null, ending: null, signal: null, problem: null, command: spec.argv });
    void this.pty.exited.then((result) => this.onExit(generation, result));
  }

  /**
   * Typing reaches a running process only. A run ChatML is ending gets none: a TUI that has let go of the terminal on
   * the hang-up has the PTY echo what comes (xterm's focus-out report showed as "^[[O" during a restart).
   */
  input(data: string): void {
    if (this.info.status === "running" && this.endedRun.generation !== this.generation) this.pty?.write(data);
  }

  /** Takes the size of the device the user is typing on; a storm of resizes settles before reaching the PTY. */
  resize(cols: number, rows: number): void {
    this.pendingSize = { cols, rows };
    this.resizeTimer ??= setTimeout(() => this.applyResize(), RESIZE_SETTLE_MS);
  }

  attach(key: string, viewer: TerminalViewer): void {
    this.viewers.get(key)?.close();
    const stream = new ViewerStream(this.info.id, viewer, () => ({ data: this.screen.snapshot(), cols: this.screen.cols, rows: this.screen.rows }));
    this.viewers.set(key, stream);
    stream.start();
  }

  detach(key: string): void {
    this.viewers.get(key)?.close();
    this.viewers.delete(key);
  }

  rename(name: string): void {
    this.update({ name });
  }

  /**
   * Ends the process and all it started: a hang-up, then a kill to what is still there after the grace period.
   * Also sweeps what an exited shell left running (`sleep 100 &` then `exit`).
   */
  async kill(why: EndWhy = "kill"): Promise<void> {
    if (this.endedRun.generation !== this.generation) this.endedRun = { generation: this.generation, why };
    await this.pty?.terminate(KILL_GRACE_MS);
  }

  /**
   * Kills the process if needed and starts the same command again on the same screen. A restart asked for while one
   * is under way (Restart tapped twice, or on two devices) is that one: each starting a process would leave one
   * running unseen.
   */
  restart(): Promise<void> {
    this.restarting ??= (async () => {
      await this.kill("restart");
      if (this.isDisposed) return;
      this.decoder = new TextDecoder("utf-8");
      this.emit(`${DIM}[restarted]${RESET}\r\n`);
      this.start();
    })().finally(() => (this.restarting = null));
    return this.restarting;
  }

  /** Kills the process and lets go of the screen and viewers; a restart under way starts nothing. */
  async dispose(): Promise<void> {
    this.isDisposed = true;
    await this.restarting;
    await this.kill("close");
    clearTimeout(this.resizeTimer);
    clearTimeout(this.screenReadTimer);
    for (const stream of this.viewers.values()) stream.close();
    this.viewers.clear();
    this.screen.dispose();
  }

  /** The last lines its screen shows now, or showed as its process exited (the "last words" an ended one keeps). */
  lastLines(): string[] {
    return this.exitLines ?? lastLines(this.screen.writtenLines());
  }

  /**
   * Its last lines when its screen changed since they were last taken, else null: a server killed without a stop
   * (kill -9, a crash) never reaches `stopAll`, so its record keeps these instead (see TerminalService).
   */
  takeChangedLines(): string[] | null {
    if (!this.isScreenChanged) return null;
    this.isScreenChanged = false;
    this.takenLines = this.lastLines();
    return this.takenLines;
  }

  /** Its last lines as last taken while it runs: what its record keeps should the server die without a stop. */
  get keptLines(): string[] | undefined {
    return this.takenLines;
  }

  /** The visible screen as text (tests, previews). */
  screenText(): string[] {
    return this.screen.screenText();
  }

  viewerLagCount(key: string): number {
    return this.viewers.get(key)?.lagCount ?? 0;
  }

  private onData(generation: number, bytes: Uint8Array): void {
    if (generation !== this.generation) return;
    this.emit(this.decoder.decode(bytes, { stream: true }));
  }

  private onExit(generation: number, { exitCode, signal }: { exitCode: number | null; signal: string | null }): void {
    if (generation !== this.generation) return;
    this.emit(this.decoder.decode());
    this.exitLines = lastLines(this.screen.writtenLines());
    const isEndedHere = generation === this.endedRun.generation;
    const how = isEndedHere ? ENDED_HERE[this.endedRun.why] : `process ${signal ? `ended by ${signal}` : `exited with code ${exitCode}`}`;
    this.emit(`\r\n${DIM}[${how}]${RESET}\r\n`);
    for (const stream of this.viewers.values()) stream.flush();
    if (isEndedHere) return this.update({ status: "exited", exitCode, ending: "chatml", signal, problem: null });
    if (signal) return this.update({ status: "exited", exitCode, ending: "signal", signal, problem: `ended by ${signal}` });
    this.update({ status: "exited", exitCode, ending: "exit_code", signal: null, problem: this.explainExit(exitCode, this.screen.writtenLines()) });
  }

  /** Text goes to the screen model first (synchronously), then to every viewer. */
  private emit(text: string): void {
    if (text.length === 0) return;
    this.screen.write(text);
    this.isScreenChanged = true;
    for (const stream of this.viewers.values()) stream.push(text);
    if (this.readScreen) this.screenReadTimer ??= setTimeout(() => this.applyScreenRead(), SCREEN_READ_MS);
  }

  /** Publishes what the screen now tells (only what changed: every device gets the terminal list again). */
  private applyScreenRead(): void {
    this.screenReadTimer = undefined;
    if (this.isDisposed) return;
    const patch = this.readScreen?.(this.screen.screenText());
    if (!patch) return;
    const changed = Object.entries(patch).some(([key, value]) => this.info[key as keyof TerminalInfo] !== value);
    if (changed) this.update(patch);
  }

  private applyResize(): void {
    this.resizeTimer = undefined;
    const size = this.pendingSize;
    this.pendingSize = null;
    if (!size || (size.cols === this.info.cols && size.rows === this.info.rows)) return;
    for (const stream of this.viewers.values()) stream.flush();
    this.screen.resize(size.cols, size.rows);
    this.pty?.resize(size.cols, size.rows);
    this.update(size);
  }

  private update(patch: Partial<TerminalInfo>): void {
    this.info = { ...this.info, ...patch };
    this.onChange(this.info);
  }
}
