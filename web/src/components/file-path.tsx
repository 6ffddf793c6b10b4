/**
 * A file's path on one line that keeps its file name in sight: when the line is too narrow its start is cut
 * (`…ory-name/nested/settings-button.tsx`). Cutting its end, as `truncate` alone does, left a phone with
 * `src/components/very-long-…` and no file name at all. The line runs right to left only to put the cut at its
 * start; the path inside is isolated left to right, so its slashes and dots stay where they are. One text node:
 * screen readers and a control named by its text get the path as it is.
 */
export function FilePath({ path, className = "" }: { path: string; className?: string }) {
  return (
    <span dir="rtl" className={`block min-w-0 truncate text-left ${className}`}>
      <bdi dir="ltr">{path}</bdi>
    </span>
  );
}
