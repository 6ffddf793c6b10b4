import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";

/**
 * A control shrinks below a finger's 44 px only for a mouse (`mouse:`, index.css), never by width alone: `md:` is a
 * phone turned sideways too (844 px wide, touch), where `md:min-h-0` made links and rows 20–28 px tall.
 */
const WIDTH_ONLY_SHRINK = /\bmd:min-[hw]-/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

it("shrinks no control's minimum size by width alone (a phone turned sideways is as wide as md)", () => {
  const root = join(import.meta.dirname, ".");
  const found = sourceFiles(root).flatMap((file) =>
    readFileSync(file, "utf8").split("\n").flatMap((line, i) => (line.match(WIDTH_ONLY_SHRINK) ? [`${relative(root, file)}:${i + 1}`] : [])),
  );
  expect(found, "use mouse:min-h-… / mouse:min-w-… (index.css) so touch screens keep 44 px").toEqual([]);
});
