import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { SequencedEvent } from "../protocol/events.ts";
import { Message, PermissionRequest, ToolPart } from "../protocol/model.ts";

/** One page of a conversation's history (`GET /api/conversations/:id/history`), each page oldest-first inside. */
export const HistoryPage = lazySchema(() => z.object({
  messages: z.array(Message),
  /** Pass as `before` to get the next older page; null at the beginning. */
  nextBeforePosition: z.number().nullable(),
  /** Turn results, exits and notices between this page's messages. */
  markers: z.array(SequencedEvent),
  /** First page only: the newest event of each state type and the last 200 sub-agent task updates. */
  state: z.array(SequencedEvent),
  /** First page only: the calls that make up the current todo list, oldest first (the latest TodoWrite, then Task tools). */
  todoCalls: z.array(ToolPart),
  pendingPermissions: z.array(PermissionRequest),
  /**
   * First page only: when the newest prompt was created, the start of a turn still running. A long turn's prompt can be
   * pages older than its newest messages; a view opened mid-turn times "Working …" from it. Null on older pages.
   */
  promptAt: z.number().nullable(),
  /** The conversation's seq when this page was read: subscribe with `afterSeq = lastSeq` for what follows. */
  lastSeq: z.number().int().nonnegative(),
}));
export type HistoryPage = z.infer<typeof HistoryPage>;
