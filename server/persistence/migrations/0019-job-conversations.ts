import type { Migration } from "../migrate.ts";

/**
 * `conversations.job_id`: the job whose run made the conversation. A job with one fixed session (`mode: session`)
 * adds a conversation to the user's session on every run; the session's lists fold them under the job instead of
 * growing by one row a run. Conversations made before are found through their run.
 */
export const migration0019: Migration = {
  version: 19,
  name: "job-conversations",
  sql: `
ALTER TABLE conversations ADD COLUMN job_id TEXT;
UPDATE conversations SET job_id = (
  SELECT r.job_id FROM runs r WHERE json_extract(r.data, '$.conversationId') = conversations.id LIMIT 1
);
`,
};
