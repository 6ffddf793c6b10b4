/** Why nothing was copied when the browser gives the page no clipboard: one on a plain-HTTP address (`--lan`) has none. */
export const NO_CLIPBOARD = "This browser gives no clipboard to a page on a plain-HTTP address like this one: select the text and use your device's own Copy.";

/**
 * Puts `text` on the clipboard; rejects with words a person can act on when the browser has no clipboard for this page
 * or refuses to write, where `navigator.clipboard?.writeText` did nothing at all and said nothing.
 * @example copyText(text).then(() => setCopied(true), (e) => setError(errorMessage(e)));
 */
export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard) throw new Error(NO_CLIPBOARD);
  await navigator.clipboard.writeText(text).catch((error: unknown) => {
    throw new Error("This browser did not allow writing to the clipboard: select the text and use your device's own Copy.", { cause: error });
  });
}
