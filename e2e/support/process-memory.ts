import { closeSync, openSync, readFileSync, readSync } from "node:fs";

/**
 * How many times `marker` occurs in the writable memory of process `pid` (heap, stacks, anonymous maps), read from
 * `/proc/<pid>/mem` (same user). A byte count of what a process holds, not a timing or RSS threshold.
 */
export function occurrencesInMemory(pid: number, marker: string): number {
  const needle = Buffer.from(marker);
  const chunk = Buffer.alloc(4 << 20);
  const fd = openSync(`/proc/${pid}/mem`, "r");
  let count = 0;
  try {
    for (const line of readFileSync(`/proc/${pid}/maps`, "utf8").split("\n")) {
      const [range, perms] = line.split(" ");
      if (!range || !perms?.startsWith("rw")) continue;
      const [start, end] = range.split("-").map((hex) => parseInt(hex, 16)) as [number, number];
      // Chunks overlap by the marker's length, so one cut in two is still found.
      for (let at = start; at < end; at += chunk.length - needle.length) {
        const length = Math.min(chunk.length, end - at);
        let read = 0;
        try {
          read = readSync(fd, chunk, 0, length, at);
        } catch {
          break;
        }
        const view = chunk.subarray(0, read);
        for (let i = view.indexOf(needle); i !== -1; i = view.indexOf(needle, i + 1)) count++;
        if (length < chunk.length) break;
      }
    }
  } finally {
    closeSync(fd);
  }
  return count;
}
