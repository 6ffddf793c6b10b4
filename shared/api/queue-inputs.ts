import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { CommandId } from "../ids.ts";
import { MessageImages, PromptText } from "./inputs.ts";

/** Queues a message for when the running turn ends (or, with `sendAfter`, not before that time). */
export const EnqueueMessageInput = lazySchema(() => z
  .object({
    commandId: CommandId,
    text: PromptText,
    images: MessageImages.default([]),
    sendAfter: z.number().int().positive().nullable().default(null),
  })
  .refine((m) => m.text.trim().length > 0 || m.images.length > 0, { message: "a message needs text or an image" }));
export type EnqueueMessageInput = z.infer<typeof EnqueueMessageInput>;
