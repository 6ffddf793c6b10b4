/**
 * A schema built on first use instead of at import (ADR 0036). `lazySchema(() => z.object({…}))` has the type of
 * what the function returns and behaves as that schema — parse, safeParse, shape, extend, instanceof, use inside
 * other schemas: the function runs once, on the first property access, and the object becomes a copy of the schema.
 *
 * Why: importing `shared/` built ~2,000 zod schemas at start (~40 ms of a ~110 ms start), though the first request
 * needs a handful of them. Validation does not change: the same schema checks the same input, only later.
 * Use it for schemas of requests, frames and events, not for the tiny id schemas others are built from. Code that
 * reads a schema at import (`X.options`, `X.shape`) builds it then: read it on first use instead.
 */
let builtCount = 0;

/** A lazy schema not yet used: the object handed out, and how to build what it becomes (null once built). */
type Pending = { stub: object; build: (() => object) | null };

/** Builds the schema on the first access and turns the stub into a copy of it (own properties and prototype). */
function become(pending: Pending): object {
  const { stub, build } = pending;
  if (build) {
    pending.build = null;
    const schema = build();
    Object.setPrototypeOf(stub, Object.getPrototypeOf(schema) as object | null);
    Object.defineProperties(stub, Object.getOwnPropertyDescriptors(schema));
    builtCount += 1;
  }
  return stub;
}

/**
 * One handler for every lazy schema, its state in the proxy's target: a start defines ~180 schemas it never uses,
 * and a handler of three closures and a flag for each was most of what defining one cost (issue 16).
 */
const UNTIL_FIRST_USE: ProxyHandler<Pending> = {
  get: (pending, key) => Reflect.get(become(pending), key),
  set: (pending, key, value) => Reflect.set(become(pending), key, value),
  has: (pending, key) => Reflect.has(become(pending), key),
};

/*#__NO_SIDE_EFFECTS__*/
export function lazySchema<T extends object>(build: () => T): T {
  // Until first use, the object's prototype is a proxy that catches any access. The first access builds the schema
  // and turns the object into a copy of it, so later accesses, including those of zod itself when the schema sits
  // inside another one, are plain property reads with no proxy in between.
  const stub = Object.create(null) as T;
  Object.setPrototypeOf(stub, new Proxy<Pending>({ stub, build }, UNTIL_FIRST_USE));
  return stub;
}

/** How many lazy schemas have been built so far in this process (the start-up test keeps a start's count small). */
export function lazySchemasBuilt(): number {
  return builtCount;
}
