import Anser from "anser";
import { memo } from "react";

/** Terminal output with its ANSI colours as styled spans (escape codes never shown raw). */
export const AnsiText = memo(function AnsiText({ text }: { text: string }) {
  if (!text.includes("\u001b[")) return <>{text}</>;
  const chunks = Anser.ansiToJson(text, { json: true, remove_empty: true, use_classes: false });
  return (
    <>
      {chunks.map((chunk, i) => (
        <span
          key={i}
          style={{
            color: chunk.fg ? `rgb(${chunk.fg})` : undefined,
            backgroundColor: chunk.bg ? `rgb(${chunk.bg})` : undefined,
            fontWeight: chunk.decorations.includes("bold") ? 600 : undefined,
          }}
        >
          {chunk.content}
        </span>
      ))}
    </>
  );
});
