/** One flag of {@link parseFlags}: a string (repeatable when `multiple`) or a boolean, with an optional one-letter alias. */
export type FlagSpec = { type: "string" | "boolean"; multiple?: boolean; short?: string };

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

const NO_POSITIONALS = "This command does not take positional arguments";

/**
 * Strict flag parsing with no positional arguments: `--name value`, `--name=value`, `--flag`, `-x` — the part of
 * `node:util`'s `parseArgs` ChatML used, with its error messages. Importing `node:util` cost ~3 ms of every start
 * (ADR 0042). Throws an Error whose message tells the user what is wrong.
 * @example parseFlags(["--port", "4000", "-v"], { port: { type: "string" }, version: { type: "boolean", short: "v" } }) // { port: "4000", version: true }
 */
export function parseFlags(args: string[], options: Record<string, FlagSpec>): FlagValues {
  const values: FlagValues = {};
  const byShort = new Map(Object.entries(options).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      if (i + 1 < args.length) throw new Error(`Unexpected argument '${args[i + 1]}'. ${NO_POSITIONALS}`);
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = options[name];
      if (!spec) throw new Error(`Unknown option '--${name}'`);
      if (spec.type === "boolean") {
        if (eq !== -1) throw new Error(`Option '--${name}' does not take an argument`);
        values[name] = true;
        continue;
      }
      let value = eq === -1 ? undefined : arg.slice(eq + 1);
      if (value === undefined) {
        value = args[i + 1];
        if (value === undefined) throw new Error(`Option '--${name} <value>' argument missing`);
        if (value.startsWith("-")) {
          throw new Error(`Option '--${name}' argument is ambiguous.\nDid you forget to specify the option argument for '--${name}'?\nTo specify an option argument starting with a dash use '--${name}=-XYZ'.`);
        }
        i += 1;
      }
      values[name] = spec.multiple ? [...((values[name] as string[] | undefined) ?? []), value] : value;
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        const name = byShort.get(letter);
        if (name === undefined || options[name]?.type !== "boolean") throw new Error(`Unknown option '-${letter}'`);
        values[name] = true;
      }
      continue;
    }
    throw new Error(`Unexpected argument '${arg}'. ${NO_POSITIONALS}`);
  }
  return values;
}
