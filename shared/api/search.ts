import { z } from "zod";
import { JobId } from "../ids.ts";
import { lazySchema } from "../lazy-schema.ts";

/** One search hit (`GET /api/search`): where it is and a short excerpt with the matched terms marked. */
export const SearchHit = lazySchema(() => z.object({
  conversationId: z.string(),
  messageId: z.string(),
  sessionId: z.string(),
  workspaceId: z.string(),
  conversationTitle: z.string(),
  /** The job whose run made the conversation, and when it was made: a run's title names its time, on the job's clock. */
  jobId: JobId.nullable(),
  conversationCreatedAt: z.number(),
  /** The session's generated (or given) name: a hit names its session by title, as Home and All sessions do. */
  sessionName: z.string(),
  /** Null until the session is titled (from its first prompt); a job run's ends in its time, as its conversation's. */
  sessionTitle: z.string().nullable(),
  sessionJobId: JobId.nullable(),
  sessionCreatedAt: z.number(),
  role: z.string(),
  createdAt: z.number(),
  /** The excerpt; matched terms sit between U+0002 and U+0003. */
  snippet: z.string(),
}));
export type SearchHit = z.infer<typeof SearchHit>;

/** The answer of `GET /api/search`: hits, whole-word ones first, then the newest. */
export const SearchAnswer = lazySchema(() => z.object({ results: z.array(SearchHit) }));
export type SearchAnswer = z.infer<typeof SearchAnswer>;
