import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { AppError } from "../../shared/protocol/errors.ts";
import { describeInvalidRequest } from "./validation-message.ts";

/** zod validation for a request part; failures become the one `bad_request` error shape, in words, with the issues listed. */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
      throw new AppError("bad_request", describeInvalidRequest(target, result.error.issues, schema), { issues });
    }
  });
}
