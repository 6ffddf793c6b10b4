import type { AnswerPermissionInput, ConversationId, EffortLevel, HistoryPage, ImageInput, Part, PermissionMode, StartInFolderInput } from "../../../shared/index.ts";
import { call, callWithEntities, client } from "./rpc.ts";

const conversation = client.conversations[":id"];

/** Every REST call the SPA makes. Commands take a `commandId`; pass the same one when retrying. */
export const api = {
  info: () => call(client.info.$get()),
  /** Looks for the CLI and its sign-in again (after the user installed it or signed in). */
  checkCli: () => call(client.cli.check.$post()),
  listDirs: (path?: string) => call(client.fs.dirs.$get({ query: path ? { path } : {} })),
  /** The lists the sidebar keeps, each with the count of entity changes it was read at (ListCoverage). */
  lists: () =>
    Promise.all([
      callWithEntities(client.workspaces.$get()),
      callWithEntities(client.sessions.$get({ query: {} })),
      callWithEntities(client.conversations.$get({ query: {} })),
    ]),
  start: (input: StartInFolderInput) => call(client.start.$post({ json: input })),
  conversation: (id: ConversationId) => call(conversation.$get({ param: { id } })),
  events: (id: ConversationId, afterSeq: number, limit = 1000) =>
    call(conversation.events.$get({ param: { id }, query: { afterSeq: String(afterSeq), limit: String(limit) } })),
  sendMessage: (id: ConversationId, commandId: string, text: string, images: ImageInput[] = []) =>
    call(conversation.messages.$post({ param: { id }, json: { commandId, text, images } })),
  /** The newest history page (no `before`), or the page before a position cursor. */
  history: async (id: ConversationId, before?: number, limit = 60): Promise<HistoryPage> => {
    const query = before === undefined ? { limit: String(limit) } : { before: String(before), limit: String(limit) };
    const { page } = await call(conversation.history.$get({ param: { id }, query }));
    return page as HistoryPage;
  },
  /** The images the conversation's Claude history carries since its last compaction (ADR 0093). */
  historyImages: (id: ConversationId) => call(conversation["history-images"].$get({ param: { id } })),
  part: async (id: ConversationId, partId: string): Promise<Part> =>
    (await call(conversation.parts[":partId"].$get({ param: { id, partId } }))).part as Part,
  files: (id: ConversationId, q: string) => call(conversation.files.$get({ param: { id }, query: { q } })),
  setModel: (id: ConversationId, commandId: string, model: string | null) =>
    call(conversation.model.$post({ param: { id }, json: { commandId, model } })),
  setEffort: (id: ConversationId, commandId: string, effort: EffortLevel | null) =>
    call(conversation.effort.$post({ param: { id }, json: { commandId, effort } })),
  relaunch: (id: ConversationId, commandId: string) => call(conversation.relaunch.$post({ param: { id }, json: { commandId } })),
  answerPermission: (id: ConversationId, requestId: string, input: AnswerPermissionInput) =>
    call(conversation.permissions[":requestId"].$post({ param: { id, requestId }, json: input })),
  interrupt: (id: ConversationId, commandId: string) =>
    call(conversation.interrupt.$post({ param: { id }, json: { commandId } })),
  stop: (id: ConversationId, commandId: string) => call(conversation.stop.$post({ param: { id }, json: { commandId } })),
  /** The context figures are on screen: the running CLI is asked for current ones if they are out of date. */
  watchContextUsage: (id: ConversationId) => call(conversation["context-usage"].watch.$post({ param: { id } })),
  setPermissionMode: (id: ConversationId, commandId: string, mode: PermissionMode) =>
    call(conversation["permission-mode"].$post({ param: { id }, json: { commandId, mode } })),
};

export type ServerInfo = Awaited<ReturnType<typeof api.info>>;
export type DirListing = Awaited<ReturnType<typeof api.listDirs>>;
export type DirEntry = DirListing["entries"][number];
