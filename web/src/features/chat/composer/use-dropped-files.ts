import { useCallback, useState } from "react";
import { errorMessage } from "../../../lib/http.ts";
import { isImageFile, readTextAttachment } from "./text-attachments.ts";

/**
 * Files dropped or pasted on the composer: images to the attachments, text files into the box as fenced blocks
 * (`append`), and for the rest a refusal that says why (binary, too large), kept until the next drop or send.
 */
export function useDroppedFiles(conversationId: string, addImages: (files: File[]) => Promise<void>, append: (block: string) => void) {
  const [refusal, setRefusal] = useState<{ conversationId: string; text: string } | null>(null);
  const add = async (files: File[]) => {
    const images = files.filter(isImageFile);
    const others = files.filter((file) => !isImageFile(file));
    if (images.length > 0) void addImages(images);
    if (others.length === 0) return;
    setRefusal(null);
    const reasons: string[] = [];
    for (const file of others) {
      const result = await readTextAttachment(file).catch((e: unknown) => ({ kind: "refused" as const, reason: `${file.name || "The file"} could not be read: ${errorMessage(e)}` }));
      if (result.kind === "text") append(result.block);
      else reasons.push(result.reason);
    }
    if (reasons.length > 0) setRefusal({ conversationId, text: reasons.join(" ") });
  };
  const clear = useCallback(() => setRefusal(null), []);
  // A refusal is about the file just dropped here: it must not follow the user to another conversation.
  return { add, clear, error: refusal?.conversationId === conversationId ? refusal.text : null };
}
