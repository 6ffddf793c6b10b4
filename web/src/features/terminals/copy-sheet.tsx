import { useEffect, useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { copyText } from "../../lib/copy-text.ts";
import { errorMessage } from "../../lib/http.ts";
import { TERMINAL_FONT_FAMILY } from "./terminal-font.ts";

/**
 * The terminal's text where a finger can select it: xterm draws rows a touch cannot select (a drag scrolls them), so
 * a phone copies from here. A read-only text box: press and hold selects with the phone's own handles and menu, the
 * keyboard does not open, and the selection is still known when a button below is tapped.
 */
export function CopySheet({ text, onClose }: { text: string; onClose: () => void }) {
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const [said, setSaid] = useState<string | null>(null);
  // The latest output is what one usually wants: start at the end, as the terminal shows it.
  useEffect(() => {
    const box = boxRef.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, []);
  // The shared copyText says why nothing was copied; on a page with no clipboard at all (plain HTTP, `--lan`) the
  // sheet's own call threw before it could say anything.
  const copy = (part: string, done: string) =>
    copyText(part).then(
      () => setSaid(done),
      (e: unknown) => setSaid(errorMessage(e)),
    );
  const copySelected = () => {
    const box = boxRef.current;
    const selected = box ? box.value.slice(box.selectionStart, box.selectionEnd) : "";
    if (selected) void copy(selected, "Copied the selected text.");
    else setSaid("Nothing is selected: press and hold on the text to select some, or copy all of it.");
  };
  return (
    <ModalSheet title="Copy from the terminal" onClose={onClose}>
      <p className="text-xs text-stone-600 dark:text-stone-400">Press and hold to select, then Copy selected; or Copy all.</p>
      <textarea ref={boxRef} readOnly aria-label="The terminal's text" value={text} wrap="off" spellCheck={false} style={{ fontFamily: TERMINAL_FONT_FAMILY }}
        className="h-[50vh] w-full resize-none rounded-lg bg-stone-900 p-2 text-xs text-stone-100" />
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={copySelected}>Copy selected</Button>
        <Button onClick={() => void copy(text, "Copied all of the terminal's text.")}>Copy all</Button>
        <Button variant="ghost" className="ml-auto" onClick={onClose}>Close</Button>
      </div>
      {said ? <p role="status" className="text-xs text-stone-600 dark:text-stone-400">{said}</p> : null}
    </ModalSheet>
  );
}
