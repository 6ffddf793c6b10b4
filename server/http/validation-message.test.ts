import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SendMessageInput, UpdateSettingsInput, UpdateWorkspaceInput } from "../../shared/api/inputs.ts";
import { describeInvalidRequest } from "./validation-message.ts";

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the input to be refused");
  return result.error.issues;
};

describe("describeInvalidRequest", () => {
  it("says in words what each field needs, instead of zod's notation", () => {
    const schema = z.object({ branch: z.string().max(200), jobConcurrency: z.number().int().min(1).max(8), name: z.string().min(1), mode: z.enum(["ask", "plan"]) });
    const message = describeInvalidRequest("json", issuesOf(schema, { branch: "a".repeat(201), jobConcurrency: 9, name: "", mode: "yolo" }));
    expect(message).toBe('Branch must be at most 200 characters. Job concurrency must be at most 8. Name must not be empty. Mode must be one of "ask", "plan".');
    expect(message).not.toMatch(/Too big|<=|expected/);
  });

  it("names a missing field, a wrong type, a nested field and an item of a list", () => {
    const schema = z.object({ title: z.string(), count: z.number().int(), settings: z.object({ darkMode: z.boolean() }), paths: z.array(z.string()) });
    expect(describeInvalidRequest("json", issuesOf(schema, { count: 1.5, settings: { darkMode: "yes" }, paths: ["a", 2] }))).toBe(
      "Title is required. Count must be a whole number. Settings dark mode must be true or false. Paths item 2 must be text.",
    );
  });

  it("speaks of the request part itself when the whole of it is wrong, and lists fields it does not take", () => {
    expect(describeInvalidRequest("json", issuesOf(z.object({ a: z.string() }), "text"))).toBe("The request body must be an object.");
    expect(describeInvalidRequest("query", issuesOf(z.object({}).strict(), { limit: "5", sort: "x" }))).toBe("The query has fields it does not take: limit, sort.");
  });

  it("keeps a message a schema wrote for people, and formats and exclusive bounds in words", () => {
    const schema = z.object({ branch: z.string().regex(/^[\w/-]+$/, "Branch names are letters, digits, / and -"), url: z.url(), ratio: z.number().lt(1) });
    expect(describeInvalidRequest("json", issuesOf(schema, { branch: "a b", url: "nope", ratio: 1 }))).toBe(
      "Branch: Branch names are letters, digits, / and -. Url must be a URL. Ratio must be less than 1.",
    );
  });
});

describe("a field the app labels", () => {
  it("is named by its label, as the user sees it on the screen, not by its key", () => {
    expect(describeInvalidRequest("json", issuesOf(UpdateSettingsInput, { cliSleepAfterMinutes: -1 }), UpdateSettingsInput)).toBe("Sleep idle processes after (minutes) must be at least 0.");
    expect(describeInvalidRequest("json", issuesOf(UpdateSettingsInput, { jobConcurrency: 12, transport: "x" }), UpdateSettingsInput)).toBe(
      'Connection to Claude Code must be one of "auto", "sdk-url", "stdio". Job runs at once must be at most 8.',
    );
  });

  it("quotes the names the user chose (a record's keys) after the field's label", () => {
    expect(describeInvalidRequest("json", issuesOf(UpdateWorkspaceInput, { envSets: { dev: { PORT: 8080 } } }), UpdateWorkspaceInput)).toBe("Environment sets “dev” “PORT” must be text.");
  });

  it("falls back on the key's words for a field without a label, and without the schema", () => {
    expect(describeInvalidRequest("json", issuesOf(UpdateSettingsInput, { aiTitles: "yes" }), UpdateSettingsInput)).toBe("Ai titles must be true or false.");
    expect(describeInvalidRequest("json", issuesOf(UpdateSettingsInput, { cliSleepAfterMinutes: -1 }))).toBe("Cli sleep after minutes must be at least 0.");
  });
});

describe("an attached file that is no image", () => {
  it("is refused naming the image, in words", () => {
    const text = Buffer.from("a text file renamed to photo.png").toString("base64");
    expect(describeInvalidRequest("json", issuesOf(SendMessageInput, { commandId: "cmd-image-3", text: "look", images: [{ mediaType: "image/png", data: text }] }))).toBe(
      "Images item 1: is not a PNG, JPEG, GIF or WebP image (its bytes are none of these).",
    );
  });
});
