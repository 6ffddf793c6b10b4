import { useCallback, useState } from "react";
import type { ConversationId } from "../../../../../shared/index.ts";
import { errorMessage } from "../../../lib/http.ts";
import { call, client } from "../../../lib/rpc.ts";

/**
 * Stops a background task through the server (the CLI's `stop_task`). The row turns "stopped" when the CLI says so
 * (a `task.updated` on every device); until then the button says "Stopping…"; a refusal is shown beside the list.
 */
export function useStopTask(conversationId: ConversationId) {
  const [stopping, setStopping] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const stop = useCallback(
    async (taskId: string) => {
      setError(null);
      setStopping((s) => new Set([...s, taskId]));
      try {
        await call(client.conversations[":id"].tasks[":taskId"].stop.$post({ param: { id: conversationId, taskId } }));
      } catch (e) {
        setError(errorMessage(e));
        setStopping((s) => new Set([...s].filter((id) => id !== taskId)));
      }
    },
    [conversationId],
  );
  return { stop, stopping, error };
}
