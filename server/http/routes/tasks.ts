import { Hono } from "hono";
import { z } from "zod";
import { ConversationId } from "../../../shared/ids.ts";
import { stopBackgroundTask } from "../../core/conversations/background-task-stop.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const TaskParam = z.object({ id: ConversationId, taskId: z.string().regex(/^[\w-]{1,100}$/, "not a task id") });

/** A conversation's background tasks: stop one (the CLI's `stop_task`). */
export function taskRoutes(services: Pick<HttpServices, "conversations">) {
  return new Hono().post("/conversations/:id/tasks/:taskId/stop", validate("param", TaskParam), async (c) => {
    const { id, taskId } = c.req.valid("param");
    return c.json(await stopBackgroundTask((...args) => services.conversations.controlRequest(...args), id, taskId));
  });
}
