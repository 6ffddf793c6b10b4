import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { lazySchema, lazySchemasBuilt } from "./lazy-schema.ts";

describe("lazySchema (ADR 0036)", () => {
  it("builds the schema on first use, once, and validates exactly as the schema does", () => {
    let builds = 0;
    const Point = lazySchema(() => {
      builds += 1;
      return z.object({ x: z.number(), y: z.number().int() });
    });
    const before = lazySchemasBuilt();
    expect(builds).toBe(0);
    expect(Point.parse({ x: 1.5, y: 2 })).toEqual({ x: 1.5, y: 2 });
    expect(Point.safeParse({ x: 1, y: 2.5 }).success).toBe(false);
    expect(() => Point.parse({ x: "1", y: 2 })).toThrow(z.ZodError);
    expect(Object.keys(Point.shape)).toEqual(["x", "y"]);
    expect(builds).toBe(1);
    expect(lazySchemasBuilt()).toBe(before + 1);
  });

  it("works inside other schemas, in unions, with extend, and as an instance of its zod class", () => {
    const Id = lazySchema(() => z.string().regex(/^id_/));
    const A = lazySchema(() => z.object({ type: z.literal("a"), id: Id }));
    const B = lazySchema(() => A.extend({ type: z.literal("b"), n: z.number() }));
    const Either = lazySchema(() => z.discriminatedUnion("type", [A, B]));
    expect(Either.parse({ type: "b", id: "id_1", n: 3 })).toEqual({ type: "b", id: "id_1", n: 3 });
    expect(Either.safeParse({ type: "a", id: "nope" }).success).toBe(false);
    expect(Either.safeParse({ type: "c", id: "id_1" }).success).toBe(false);
    expect(A instanceof z.ZodObject).toBe(true);
    expect(z.array(Id).max(1).safeParse(["id_1", "id_2"]).success).toBe(false);
    expect(Either.optional().parse(undefined)).toBeUndefined();
  });

  it("every schema exported by shared/protocol and shared/api is built lazily", () => {
    const eager: string[] = [];
    for (const dir of ["protocol", "api"]) {
      for (const file of readdirSync(join(import.meta.dirname, dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
        const source = readFileSync(join(import.meta.dirname, dir, file), "utf8");
        for (const match of source.matchAll(/^(?:export )?const (\w+)(?::[^=]+)? = (?!lazySchema\()(z\b|[A-Z]\w*\.(?:extend|partial|omit|pick|merge)\b)/gm)) eager.push(`${dir}/${file}: ${match[1]}`);
      }
    }
    expect(eager).toEqual([]);
  });
});
