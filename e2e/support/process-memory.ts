import { closeSync, openSync, readFileSync, readSync } from "node:fs";

const PAGE = 4096;
/** pagemap entry bits: the page is in RAM (63) or in swap (62). Readable without privileges (the frame numbers are not). */
const IN_RAM_OR_SWAP = 0b11n << 62n;

/**
 * How many times `marker` occurs in the writable memory of process `pid` (heap, stacks, anonymous maps), read from
 * `/proc/<pid>/mem` (same user). A byte count of what a process holds, not a timing or RSS threshold.
 *
 * Only pages the process has touched are read (`/proc/<pid>/pagemap`): Bun reserves gigabytes it never writes, and
 * a page never touched reads as zeros, so skipping it cannot hide a marker.
 */
export function occurrencesInMemory(pid: number, marker: string): number {
  const needle = Buffer.from(marker);
  const memory = openSync(`/proc/${pid}/mem`, "r");
  const pagemap = openSync(`/proc/${pid}/pagemap`, "r");
  const chunk = Buffer.alloc(4 << 20);
  let count = 0;
  try {
    for (const line of readFileSync(`/proc/${pid}/maps`, "utf8").split("\n")) {
      const [range, perms] = line.split(" ");
      if (!range || !perms?.startsWith("rw")) continue;
      const [start, end] = range.split("-").map((hex) => parseInt(hex, 16)) as [number, number];
      for (const [from, to] of touchedRuns(pagemap, start, end)) count += occurrencesIn(memory, from, to, needle, chunk);
    }
  } finally {
    closeSync(memory);
    closeSync(pagemap);
  }
  return count;
}

/** The address ranges within [start, end) whose pages are in RAM or swap, adjacent pages joined. */
function* touchedRuns(pagemap: number, start: number, end: number): Generator<[number, number]> {
  const entries = new BigUint64Array(1 << 16);
  const bytes = Buffer.from(entries.buffer);
  let runStart = -1;
  for (let page = start; page < end; ) {
    const pages = Math.min(entries.length, (end - page) / PAGE);
    const read = readSync(pagemap, bytes, 0, pages * 8, (page / PAGE) * 8) / 8;
    if (read === 0) break;
    for (let i = 0; i < read; i++, page += PAGE) {
      const touched = (entries[i]! & IN_RAM_OR_SWAP) !== 0n;
      if (touched && runStart < 0) runStart = page;
      if (!touched && runStart >= 0) {
        yield [runStart, page];
        runStart = -1;
      }
    }
  }
  if (runStart >= 0) yield [runStart, end];
}

function occurrencesIn(memory: number, start: number, end: number, needle: Buffer, chunk: Buffer): number {
  let count = 0;
  // Chunks overlap by the marker's length, so one cut in two is still found.
  for (let at = start; at < end; at += chunk.length - needle.length) {
    const length = Math.min(chunk.length, end - at);
    let read: number;
    try {
      read = readSync(memory, chunk, 0, length, at);
    } catch {
      break;
    }
    const view = chunk.subarray(0, read);
    for (let i = view.indexOf(needle); i !== -1; i = view.indexOf(needle, i + 1)) count++;
    if (length < chunk.length) break;
  }
  return count;
}
