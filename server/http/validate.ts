import { zValidator } from "@hono/zod-validator";
import type { Context, ValidationTargets } from "hono";
import type { ZodType } from "zod";
import { AppError } from "../../shared/protocol/errors.ts";
import { describeInvalidRequest } from "./validation-message.ts";

/** `application/json` and `application/<something>+json`, as Hono's JSON validator reads them. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** zod validation for a request part; failures become the one `bad_request` error shape, in words, with the issues listed. */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  const check = zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
      throw new AppError("bad_request", describeInvalidRequest(target, result.error.issues, schema), { issues });
    }
  });
  if (target !== "json") return check;
  return (async (c, next) => {
    refuseBodyThatIsNotJson(c);
    return check(c, next);
  }) as typeof check;
}

/**
 * Hono reads a body sent without a JSON Content-Type as `{}`: a script's `curl -d '{"name":"Phone"}'` (sent as a form)
 * renamed nothing and was answered 200, or was told a field it had sent was missing. Such a body is refused, naming
 * the header to send; a request without a body is still read as `{}`.
 */
function refuseBodyThatIsNotJson(c: Context): void {
  const hasBody = Number(c.req.header("content-length") ?? 0) > 0 || c.req.header("transfer-encoding") !== undefined;
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (!hasBody || JSON_MEDIA_TYPE.test(mediaType)) return;
  throw new AppError("bad_request", `The request body must be JSON, sent with Content-Type: application/json (it came ${mediaType ? `as ${mediaType}` : "without a Content-Type"}).`);
}
