import type { ChangeScope, CommentSide, CreateCommentInput, ReplyInput, SaveFileInput, SendCommentsInput, SessionId, UpdateCommentInput } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

const session = client.sessions[":id"];
const review = client.reviews[":id"];

/** REST calls of a session's workbench: changes, both sides of a file, the file tree, open/download/save, review comments. */
export const workbenchApi = {
  /**
   * A scope's changed files, 2,000 from `offset` (the first without it); with `pathFilter`, only those whose path holds
   * it, in any case; with `file`, only the file at exactly that path.
   */
  changes: (id: SessionId, scope: ChangeScope, { pathFilter = null, file = null, offset = 0 }: { pathFilter?: string | null; file?: string | null; offset?: number } = {}) =>
    call(session.changes.$get({ param: { id }, query: { scope, ...(pathFilter ? { path: pathFilter } : {}), ...(file !== null ? { file } : {}), ...(offset > 0 ? { offset: String(offset) } : {}) } })),
  /** Every changed path, uncommitted and since the base (not capped at 2,000): the Files tree's marks. */
  paths: (id: SessionId) => call(session.changes.paths.$get({ param: { id } })),
  sides: (id: SessionId, scope: ChangeScope, path: string, oldPath: string | null) =>
    call(session.changes.file.$get({ param: { id }, query: { scope, path, ...(oldPath ? { oldPath } : {}) } })),
  tree: (id: SessionId, showIgnored: boolean) => call(session.files.tree.$get({ param: { id }, query: { showIgnored: showIgnored ? "1" : "0" } })),
  open: (id: SessionId, path: string) => call(session.files.content.$get({ param: { id }, query: { path } })),
  /** Where a link downloads the file as it is on disk (for one too large or binary to show). */
  downloadUrl: (id: SessionId, path: string) => `/api/sessions/${encodeURIComponent(id)}/files/download?${new URLSearchParams({ path })}`,
  /**
   * Where one side of a changed file is served as bytes: an image to show in an <img>, or (`isDownload`) any file to
   * save, a deleted one as it was. `revision` makes a new URL whenever the file may have changed.
   */
  sideUrl: (id: SessionId, file: { scope: ChangeScope; path: string; oldPath: string | null }, side: CommentSide, options: { isDownload?: boolean; revision?: number } = {}) =>
    `/api/sessions/${encodeURIComponent(id)}/changes/side?${new URLSearchParams({ scope: file.scope, path: file.path, ...(file.oldPath ? { oldPath: file.oldPath } : {}), side, download: options.isDownload ? "1" : "0", ...(options.revision === undefined ? {} : { v: String(options.revision) }) })}`,
  save: (id: SessionId, input: SaveFileInput) => call(session.files.content.$put({ param: { id }, json: input })),
  /** Puts a file deleted in `scope` back as it was before (never over a file that is back). */
  restoreDeleted: (id: SessionId, scope: ChangeScope, path: string) => call(session.changes.restore.$post({ param: { id }, json: { scope, path } })),
  comments: (id: SessionId) => call(session.reviews.$get({ param: { id } })),
  addComment: (id: SessionId, input: CreateCommentInput) => call(session.reviews.$post({ param: { id }, json: input })),
  sendComments: (id: SessionId, input: SendCommentsInput) => call(session.reviews.send.$post({ param: { id }, json: input })),
  updateComment: (id: string, input: UpdateCommentInput) => call(review.$patch({ param: { id }, json: input })),
  removeComment: (id: string) => call(review.$delete({ param: { id } })),
  replyToComment: (id: string, input: ReplyInput) => call(review.replies.$post({ param: { id }, json: input })),
};
