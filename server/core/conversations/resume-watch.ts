import type { MessageId } from "../../../shared/ids.ts";
import type { CliExitInfo, CliMessage } from "../../claude/contracts.ts";
import { isLostSessionExit, isLostSessionResult } from "./lost-session.ts";
import type { OutgoingMessage, Prompt } from "./live-cli.ts";

/** A message sent to a CLI whose resume was unconfirmed, kept for the CLI that replaces it. */
export type UnansweredMessage = { messageId: MessageId; message: OutgoingMessage };

/**
 * What the holder knows of a resumed CLI session until the CLI shows it found it, and what a lost session owes the
 * CLI that replaces it (lost-session.ts): a recap of the earlier conversation, and the message it swallowed.
 */
export class ResumeWatch {
  /** The live CLI was started with `--resume` and has not yet shown that it found its session. */
  private isUnconfirmed = false;
  /** The message sent to a CLI whose resume is unconfirmed: resent to its successor if that resume fails. */
  private unanswered: UnansweredMessage | null = null;
  /** A resumed CLI had lost its session: the next message it gets carries the earlier conversation. */
  private isRecapOwed = false;
  /** The message the last lost session handed to its successor (what `handedOver` answers for). */
  private lastHandedOver: MessageId | null = null;

  /** The next message to a CLI is led by a recap of the earlier conversation. */
  get isRecapPending(): boolean {
    return this.isRecapOwed;
  }

  /** A CLI is launched, resuming `cliSessionId` (null: a new session, nothing to confirm). */
  launching(cliSessionId: string | null): void {
    this.isUnconfirmed = cliSessionId !== null;
  }

  /**
   * A line of the CLI: true for a lost session's error result, which is taken out (its exit tells the user and starts
   * over); any other line shows the resume found its session.
   */
  isLostSessionLine(message: CliMessage): boolean {
    if (!this.isUnconfirmed) return false;
    if (isLostSessionResult(message)) return true;
    this.isUnconfirmed = false;
    this.unanswered = null;
    return false;
  }

  /** Whether this exit is a resumed CLI's that lost its session (the exit itself is read by `exited`). */
  isLostSessionExit(info: CliExitInfo): boolean {
    return this.isUnconfirmed && isLostSessionExit(info);
  }

  /** A prompt reached the CLI: a recap it carries is no longer owed; while the resume is unconfirmed it is kept. */
  sent(prompt: Prompt): void {
    if (prompt.hasRecap) this.isRecapOwed = false;
    this.unanswered = this.isUnconfirmed ? { messageId: prompt.messageId, message: prompt.message } : null;
  }

  /**
   * A prompt the CLI did not take (its input had closed) while its resume is unconfirmed: kept as if it had reached it,
   * since a resumed CLI that lost its session closes its input as it dies, before its exit is known. False (nothing
   * kept) when the resume is confirmed: that CLI is simply gone.
   */
  keepUnwritten(prompt: Prompt): boolean {
    if (!this.isUnconfirmed) return false;
    this.unanswered = { messageId: prompt.messageId, message: prompt.message };
    return true;
  }

  /** Whether the last lost session's exit handed `messageId` to the CLI that replaces it. */
  handedOver(messageId: MessageId): boolean {
    return this.lastHandedOver === messageId;
  }

  /** A kept message is no longer owed to anyone (its sender was told it failed). */
  drop(messageId: MessageId): void {
    if (this.unanswered?.messageId === messageId) this.unanswered = null;
  }

  /**
   * The CLI exited. When it lost its resumed session, a recap is owed from now on and the message it swallowed (or
   * null) is handed over in `lost`; any other exit forgets what was kept and returns null.
   */
  exited(info: CliExitInfo): { lost: UnansweredMessage | null } | null {
    const isLost = this.isLostSessionExit(info);
    const unanswered = this.unanswered;
    this.isUnconfirmed = false;
    this.unanswered = null;
    if (!isLost) return null;
    this.isRecapOwed = true;
    this.lastHandedOver = unanswered?.messageId ?? null;
    return { lost: unanswered };
  }
}
