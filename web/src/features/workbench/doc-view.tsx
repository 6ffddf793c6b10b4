import type { SessionId } from "../../../../shared/index.ts";
import { FileEditor } from "../editor/index.ts";
import type { WorkbenchDoc } from "../../stores/workbench-store.ts";
import { DiffDoc, SessionDiffDoc } from "./diff-doc.tsx";

/** An open document: the editor for a file, a file's diff, or the session's whole diff. */
export function DocView({ sessionId, doc }: { sessionId: SessionId; doc: WorkbenchDoc }) {
  if (doc.kind === "file") return <FileEditor key={doc.path} sessionId={sessionId} path={doc.path} />;
  if (doc.kind === "diff") return <DiffDoc key={`${doc.scope}${doc.path}`} sessionId={sessionId} path={doc.path} oldPath={doc.oldPath} scope={doc.scope} />;
  return <SessionDiffDoc key={doc.scope} sessionId={sessionId} scope={doc.scope} />;
}

/** A document's tab title. */
export function docTitle(doc: WorkbenchDoc): string {
  if (doc.kind === "session-diff") return "All changes";
  const name = doc.path.split("/").pop() ?? doc.path;
  return doc.kind === "diff" ? `Δ ${name}` : name;
}
