import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";

/** What the README's install runs; a published package has no `.git` beside it. */
export const PACKAGE_COMMAND = "bunx chatml";

/**
 * The command that runs this ChatML again, for the commands it suggests (`… login-link`, `… --lan`): `bunx chatml`
 * for the published package, `bun bin/chatml.ts` for a git checkout (a fresh clone started with scripts/start.sh),
 * where `bunx chatml` would fetch the package from the registry instead of running the code in front of the user.
 *
 * @example launchCommand("/home/me/chatml", "/home/me/chatml") // "bun bin/chatml.ts" when /home/me/chatml/.git exists
 */
export function launchCommand(packageRoot: string, cwd: string): string {
  if (!existsSync(join(packageRoot, ".git"))) return PACKAGE_COMMAND;
  const bin = join(packageRoot, "bin", "chatml.ts");
  return `bun ${resolve(cwd) === resolve(packageRoot) ? relative(packageRoot, bin) : shellWord(bin)}`;
}

/** `<command> login-link`, with the data dir when it is not the default one (login-link must find the same server). */
export function loginLinkCommand(command: string, dataDir: string): string {
  const isDefault = resolve(dataDir) === resolve(homedir(), ".chatml");
  return `${command} login-link${isDefault ? "" : ` --data-dir ${shellWord(dataDir)}`}`;
}

/** A word a POSIX shell reads back as it is: plain when it can be, single-quoted otherwise. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
