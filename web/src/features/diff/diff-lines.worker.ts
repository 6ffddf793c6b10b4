import { diffTextLines, type DiffLine } from "./diff-model.ts";

/** What the page asks of the worker: the line diff of two texts. */
export type DiffLinesRequest = { before: string; after: string };
/** What the worker answers: the diff's lines, or why it could not work them out. */
export type DiffLinesResponse = { lines: DiffLine[] } | { error: string };

/** Works out a large diff away from the page's main thread, so typing and scrolling go on while it runs. */
self.onmessage = (event: MessageEvent<DiffLinesRequest>) => {
  const { before, after } = event.data;
  let response: DiffLinesResponse;
  try {
    response = { lines: diffTextLines(before, after) };
  } catch (error) {
    response = { error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
