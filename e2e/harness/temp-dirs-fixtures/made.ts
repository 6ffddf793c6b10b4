import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../env.ts";

/** A folder made with tempDir, with a file in it, its path noted where the test reading them asked (CHATML_MADE_LIST). */
export function madeFolder(name: string): string {
  const dir = tempDir(`chatml-temp-dirs-${name}`);
  writeFileSync(join(dir, "data.db"), "what a server wrote");
  appendFileSync(process.env.CHATML_MADE_LIST ?? "", `${name} ${dir}\n`);
  return dir;
}
