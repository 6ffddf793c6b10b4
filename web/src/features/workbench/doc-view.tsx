import type { ChangeScope, SessionId } from "../../../../shared/index.ts";
import { FileEditor } from "../editor/index.ts";
import { docKey, type WorkbenchDoc } from "../../stores/workbench-store.ts";
import { DiffDoc, SessionDiffDoc } from "./diff-doc.tsx";

/** An open document: the editor for a file, a file's diff, or the session's whole diff. */
export function DocView({ sessionId, doc }: { sessionId: SessionId; doc: WorkbenchDoc }) {
  if (doc.kind === "file") return <FileEditor key={docKey(doc)} sessionId={sessionId} path={doc.path} />;
  if (doc.kind === "diff") return <DiffDoc key={docKey(doc)} sessionId={sessionId} path={doc.path} oldPath={doc.oldPath} scope={doc.scope} />;
  return <SessionDiffDoc key={docKey(doc)} sessionId={sessionId} scope={doc.scope} />;
}

/** A scope as a diff's tab says it, in the words of the Changes panel's filter. */
const SCOPE_TAGS: Record<ChangeScope, string> = { base: "since base", uncommitted: "uncommitted", turn: "this turn" };

/**
 * A document's tab: its short title, the scope of a diff (the same file can be open from two scopes: tabs that read
 * alike would be told apart only by opening them) and what a screen reader hears, which also names the folder.
 */
export function docTab(doc: WorkbenchDoc): { title: string; scopeTag: string | null; label: string } {
  if (doc.kind === "session-diff") return { title: "All changes", scopeTag: SCOPE_TAGS[doc.scope], label: `All changes ${SCOPE_TAGS[doc.scope]}` };
  const name = doc.path.split("/").pop() ?? doc.path;
  const title = doc.kind === "diff" ? `Δ ${name}` : name;
  const scopeTag = doc.kind === "diff" ? SCOPE_TAGS[doc.scope] : null;
  const where = doc.path === name ? "" : ` (${doc.path})`;
  return { title, scopeTag, label: `${title}${scopeTag ? ` ${scopeTag}` : ""}${where}` };
}
