import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { DeviceName } from "./device-name.ts";
import { CommandId, ConversationId, GoalId, JobId, SessionId, WorkspaceId } from "../ids.ts";
import { BranchPrefixMode, ConversationKind, EffortLevel, PermissionMode, SessionKind, SessionPriority, TaskStatus, TransportSetting } from "../protocol/model.ts";

/** Largest prompt text we accept; the CLI's own limits are far above any real prompt. */
export const MAX_PROMPT_CHARS = 500_000;

/** What the composer and the API say of a message text over MAX_PROMPT_CHARS. */
export function promptTooLongMessage(chars: number): string {
  return `The message is ${chars.toLocaleString("en-US")} characters; one message takes at most ${MAX_PROMPT_CHARS.toLocaleString("en-US")}. Save the rest in a file in the folder and point Claude to it, or send it in parts.`;
}
/** A message's text: within MAX_PROMPT_CHARS, refused naming its length and the limit. */
export const PromptText = lazySchema(() => z.string().max(MAX_PROMPT_CHARS, { error: (issue) => promptTooLongMessage(String(issue.input).length) }));
/**
 * Anthropic's API refuses an image whose base64 is over 5 MiB ("image exceeds 5 MB maximum: N bytes > 5242880 bytes"),
 * and the CLI sends a stream-json image to it as it is: a bigger one would be refused only after it was sent.
 */
export const MAX_IMAGE_BASE64_CHARS = 5 * 1024 * 1024;
/** The decoded size of base64 `chars` long (every 4 characters carry 3 bytes). */
export const decodedBytes = (chars: number) => (chars / 4) * 3;
/** Largest image file, decoded: the largest whose base64 is within MAX_IMAGE_BASE64_CHARS (3.75 MiB). */
export const MAX_IMAGE_BYTES = decodedBytes(MAX_IMAGE_BASE64_CHARS);

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

/** What the composer and the API say of an image over the limit. */
export function imageTooLargeMessage(name: string, bytes: number): string {
  return `${name} is ${megabytes(bytes)}: Claude's API refuses an image over 5 MB once encoded, so an image file can be at most ${megabytes(MAX_IMAGE_BYTES)}. Save it smaller (a lower resolution, or as JPEG) and attach it again.`;
}
/** The most images one message carries (the API takes up to 100 a request; ten screenshots are already a lot to read). */
export const MAX_IMAGES_PER_MESSAGE = 10;
/**
 * The most base64 a message's images take together. Claude's API refuses a request over 32 MB (413
 * `request_too_large`), and a request carries the system prompt, the tools and the conversation besides the new
 * images: 20 MiB of images (four of the largest) leaves 12 MB for the rest.
 */
export const MAX_MESSAGE_IMAGES_BASE64_CHARS = 20 * 1024 * 1024;
/** MAX_MESSAGE_IMAGES_BASE64_CHARS as files, decoded (15 MiB). */
export const MAX_MESSAGE_IMAGES_BYTES = decodedBytes(MAX_MESSAGE_IMAGES_BASE64_CHARS);

/** What the composer and the API say of a message whose images together are over MAX_MESSAGE_IMAGES_BYTES. */
export function imagesTooLargeTogetherMessage(bytes: number): string {
  return `The images come to ${megabytes(bytes)}: Claude's API refuses a request over 32 MB, which also carries the conversation, so one message's images can be at most ${megabytes(MAX_MESSAGE_IMAGES_BYTES)} together. Send some in a message of their own, or save them smaller.`;
}
export const IMAGE_MEDIA_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

/** A folder on the server: an absolute path, or one in the home folder of the user running ChatML (`~/code/app`). */
const absolutePath = lazySchema(() => z.string().min(1).max(4096).refine((p) => p.startsWith("/") || p === "~" || p.startsWith("~/") || /^[A-Za-z]:[\\/]/.test(p), {
  message: "must be an absolute path (or start with ~/)",
}));

export const CreateWorkspaceInput = lazySchema(() => z.object({ path: absolutePath, name: z.string().min(1).max(120).optional() }));
export type CreateWorkspaceInput = z.infer<typeof CreateWorkspaceInput>;

/** A branch name as typed; validated as a git ref (and not protected) by the server. */
const branchName = lazySchema(() => z.string().trim().min(1).max(200));
/** Session names become folder and branch names: lower-case words joined by dashes. */
const sessionName = lazySchema(() => z.string().trim().min(1).max(60).regex(/^[a-z0-9][a-z0-9._-]*$/, "use lower-case letters, digits, dots and dashes"));

export const CreateSessionInput = lazySchema(() => z.object({
  workspaceId: WorkspaceId,
  /** Memorable name (folder + branch); picked from the name pool when omitted. */
  name: z.string().min(1).max(120).optional(),
  /**
   * The name shown for the session, as the user typed it ("Fix login" for the name `fix-login`). A session given a name
   * or a title keeps it; only one named from the pool is titled from its first prompt. Default: the name, when given.
   */
  title: z.string().trim().min(1).max(200).optional(),
  /** worktree (default for repositories): new branch; branch: existing `branch`; folder: the workspace folder. */
  kind: SessionKind.optional(),
  /** worktree: the new branch's name (default: prefix + name); branch: the existing branch to use. */
  branch: branchName.optional(),
  baseBranch: branchName.optional(),
  priority: SessionPriority.optional(),
  taskStatus: TaskStatus.optional(),
  envSet: z.string().max(80).nullable().optional(),
}));
export type CreateSessionInput = z.infer<typeof CreateSessionInput>;

export const UpdateWorkspaceInput = lazySchema(() => z.object({
  name: z.string().trim().min(1).max(120).optional(),
  /** Point the workspace at the repository's new place after it was moved. */
  path: absolutePath.optional(),
  defaultBranch: branchName.nullable().meta({ title: "Default base branch" }).optional(),
  branchPrefixMode: BranchPrefixMode.optional(),
  branchPrefix: z.string().max(60).meta({ title: "Branch prefix" }).optional(),
  setupScript: z.string().max(20_000).nullable().meta({ title: "Setup script" }).optional(),
  copyFiles: z.array(z.string().min(1).max(300)).max(50).meta({ title: "Files to copy" }).optional(),
  // Titles are the Workspace settings labels: a refusal names the field the user sees ("Environment sets “dev” “PORT” must be text.").
  envSets: z.record(z.string().min(1).max(80), z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(10_000))).meta({ title: "Environment sets" }).optional(),
}));
export type UpdateWorkspaceInput = z.infer<typeof UpdateWorkspaceInput>;

export const UpdateSessionInput = lazySchema(() => z.object({
  name: sessionName.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  priority: SessionPriority.optional(),
  taskStatus: TaskStatus.optional(),
  isPinned: z.boolean().optional(),
  envSet: z.string().max(80).nullable().optional(),
}));
export type UpdateSessionInput = z.infer<typeof UpdateSessionInput>;

export const DeleteSessionInput = lazySchema(() => z.object({
  /** Delete even with uncommitted changes in the worktree. */
  force: z.boolean().default(false),
  /** Delete the branch even when it is not merged into its base. */
  deleteBranch: z.boolean().default(false),
}));
export type DeleteSessionInput = z.infer<typeof DeleteSessionInput>;

/**
 * Deleting a workspace's history for good: how many conversations the user was told would go, and the goals and jobs
 * (by id) they confirmed deleting with it. Anything else found at the moment of deletion refuses it (guards a race).
 */
export const DeleteWorkspaceHistoryInput = lazySchema(() => z.object({
  conversations: z.number().int().min(0),
  goalIds: z.array(GoalId).max(10_000).default([]),
  jobIds: z.array(JobId).max(10_000).default([]),
}));
export type DeleteWorkspaceHistoryInput = z.infer<typeof DeleteWorkspaceHistoryInput>;

export const RenameConversationInput = lazySchema(() => z.object({ title: z.string().trim().min(1).max(200) }));
export type RenameConversationInput = z.infer<typeof RenameConversationInput>;

/** A search is a few words: a longer query (a pasted log line) is searched by its start. */
export const MAX_SEARCH_CHARS = 200;

export const SearchQuery = lazySchema(() => z.object({
  q: z.string().trim().min(1).max(MAX_SEARCH_CHARS),
  limit: z.coerce.number().int().min(1).max(100).default(30),
}));
export type SearchQuery = z.infer<typeof SearchQuery>;

export const CreateConversationInput = lazySchema(() => z.object({
  sessionId: SessionId,
  title: z.string().min(1).max(200).optional(),
  kind: ConversationKind.optional(),
  model: z.string().min(1).max(200).optional(),
  effort: EffortLevel.optional(),
  permissionMode: PermissionMode.optional(),
}));
export type CreateConversationInput = z.infer<typeof CreateConversationInput>;

/** One step for the simplest path: a folder in, a conversation out (workspace and session made or reused). */
export const StartInFolderInput = lazySchema(() => z.object({
  path: absolutePath,
  title: z.string().min(1).max(200).optional(),
  permissionMode: PermissionMode.optional(),
  model: z.string().min(1).max(200).optional(),
}));
export type StartInFolderInput = z.infer<typeof StartInFolderInput>;

type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

/**
 * The format an image's first bytes say it is, or null when they are none of the four Claude reads. A file's declared
 * type comes from its name, and names lie (a JPEG saved as .png, a HEIC or a text file renamed): Claude is sent what
 * the bytes are, and bytes that are no image are refused before they reach the conversation.
 */
export function imageTypeOf(base64: string): ImageMediaType | null {
  let head: string;
  try {
    head = atob(base64.slice(0, 16));
  } catch {
    return null;
  }
  if (head.startsWith("\x89PNG\r\n\x1a\n")) return "image/png";
  if (head.startsWith("\xff\xd8\xff")) return "image/jpeg";
  if (head.startsWith("GIF87a") || head.startsWith("GIF89a")) return "image/gif";
  if (head.startsWith("RIFF") && head.slice(8, 12) === "WEBP") return "image/webp";
  return null;
}

export const ImageInput = lazySchema(() => z
  .object({
    mediaType: z.enum(IMAGE_MEDIA_TYPES),
    /** Base64 without a data: prefix. */
    data: z.string().min(1).max(MAX_IMAGE_BASE64_CHARS, { error: (issue) => imageTooLargeMessage("The image", decodedBytes(String(issue.input).length)) }),
  })
  .transform((image, ctx) => {
    const mediaType = imageTypeOf(image.data);
    if (mediaType) return { ...image, mediaType };
    ctx.addIssue({ code: "custom", message: "is not a PNG, JPEG, GIF or WebP image (its bytes are none of these)" });
    return z.NEVER;
  }));
export type ImageInput = z.infer<typeof ImageInput>;

/** A message's images: within the count and, together, within what one request to Claude's API can carry. */
export const MessageImages = lazySchema(() => z
  .array(ImageInput)
  .max(MAX_IMAGES_PER_MESSAGE)
  .refine((images) => totalBase64Chars(images) <= MAX_MESSAGE_IMAGES_BASE64_CHARS, {
    error: (issue) => imagesTooLargeTogetherMessage(decodedBytes(totalBase64Chars(issue.input as ImageInput[]))),
  }));

const totalBase64Chars = (images: readonly { data: string }[]) => images.reduce((sum, image) => sum + image.data.length, 0);

export const SendMessageInput = lazySchema(() => z
  .object({
    commandId: CommandId,
    text: PromptText,
    images: MessageImages.default([]),
  })
  .refine((m) => m.text.trim().length > 0 || m.images.length > 0, { message: "a message needs text or an image" }));
export type SendMessageInput = z.infer<typeof SendMessageInput>;

export const AnswerPermissionInput = lazySchema(() => z.object({
  commandId: CommandId,
  decision: z.enum(["allow", "deny"]),
  /** Allow with an edited input (e.g. a rewritten Bash command). */
  updatedInput: z.record(z.string(), z.unknown()).optional(),
  /** Ids of the request's suggestions to remember ("always allow"). */
  rememberSuggestionIds: z.array(z.string()).max(20).optional(),
  /** Deny: the message the model gets. Plan rejection: the feedback. */
  message: z.string().max(20_000).optional(),
  /** Deny and stop the turn. */
  interrupt: z.boolean().optional(),
  /** AskUserQuestion answers, keyed by question text. Multi-select: labels joined with ", ". */
  answers: z.record(z.string(), z.string()).optional(),
  /** Allow and switch the session's permission mode (e.g. approve a plan and accept edits from now on). */
  switchMode: PermissionMode.optional(),
}));
export type AnswerPermissionInput = z.infer<typeof AnswerPermissionInput>;

export const CommandOnlyInput = lazySchema(() => z.object({ commandId: CommandId }));
export type CommandOnlyInput = z.infer<typeof CommandOnlyInput>;

export const SetModelInput = lazySchema(() => z.object({ commandId: CommandId, model: z.string().min(1).max(200).nullable() }));
export type SetModelInput = z.infer<typeof SetModelInput>;

export const SetEffortInput = lazySchema(() => z.object({ commandId: CommandId, effort: EffortLevel.nullable() }));
export type SetEffortInput = z.infer<typeof SetEffortInput>;

export const SetPermissionModeInput = lazySchema(() => z.object({ commandId: CommandId, mode: PermissionMode }));
export type SetPermissionModeInput = z.infer<typeof SetPermissionModeInput>;

export const ListDirsQuery = lazySchema(() => z.object({ path: absolutePath.optional() }));
export type ListDirsQuery = z.infer<typeof ListDirsQuery>;

// Titles are the Settings screen's labels: a refused value is named as the user sees it, not by its key.
export const Settings = lazySchema(() => z.object({
  transport: TransportSetting.meta({ title: "Connection to Claude Code" }),
  claudeBin: z.string().nullable().meta({ title: "Claude Code binary" }),
  /** How many job runs may run at once (the worker pool's size). */
  jobConcurrency: z.number().int().min(1).max(8).meta({ title: "Job runs at once" }),
  /**
   * Minutes a conversation's CLI may sit idle (turn over, nothing pending) before it is stopped to free its memory;
   * the next message resumes it with its context. 0: never. Fractions allowed (tests use seconds).
   */
  cliSleepAfterMinutes: z.number().min(0).max(24 * 60).meta({ title: "Sleep idle processes after (minutes)" }),
  /**
   * How a conversation started from the New conversation form runs: chat mode (`claude -p`, on Pro/Max plans the
   * Agent SDK credit) or the real interactive `claude` in a terminal (the plan's own limits).
   */
  defaultConversationMode: z.enum(["chat", "interactive"]).meta({ title: "Mode of new conversations" }),
  /**
   * Claude Code predicts the next prompt after each turn (`promptSuggestions` in `initialize`), shown as a chip above
   * the composer. Off by default: each prediction is one more model request on the user's account (ADR 0038). Takes
   * effect for CLIs started after the change.
   */
  promptSuggestions: z.boolean(),
  /**
   * After a conversation's first message, a one-shot `claude -p` on the small model writes a short title for it (and
   * its session). On by default. Off: the prompt's first words stay the name and no such call is made; with an API
   * key each one is billed (ADR 0203).
   */
  aiTitles: z.boolean(),
  /**
   * When a session is archived or a scheduled run ends, a one-shot `claude -p` on the small model summarizes it. On
   * by default. Off: no such call is made, and the summary is put together from what is stored (the session's
   * conversations, last answer and changes; the run's ending and final answer).
   */
  aiSummaries: z.boolean(),
}));
export type Settings = z.infer<typeof Settings>;
export const UpdateSettingsInput = lazySchema(() => Settings.partial());
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsInput>;

export const ConversationIdParam = lazySchema(() => z.object({ id: ConversationId }));
export const PermissionParam = lazySchema(() => z.object({ id: ConversationId, requestId: z.string().min(1).max(80) }));

/** Which pushes a device wants. */
export const NotificationSettings = lazySchema(() => z.object({
  /** Permission requests, questions and plan approvals. */
  needsInput: z.boolean(),
  /** A turn finished, failed, or the CLI process exited unexpectedly. */
  finished: z.boolean(),
}));
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const UpdateDeviceInput = lazySchema(() => z.object({
  name: DeviceName.optional(),
  notifications: NotificationSettings.optional(),
}));
export type UpdateDeviceInput = z.infer<typeof UpdateDeviceInput>;

export const DeviceIdParam = lazySchema(() => z.object({ id: z.string().regex(/^dev_[A-Za-z0-9_-]{6,64}$/, "expected a device id") }));

/** A browser's PushSubscription.toJSON(); the endpoint must be https (every real push service is). */
export const PushSubscriptionInput = lazySchema(() => z.object({
  endpoint: z.string().url().max(2048),
  keys: z.object({ p256dh: z.string().min(16).max(200), auth: z.string().min(8).max(100) }),
}));
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

/** The longest name a terminal takes (its tab shows it whole). */
export const TERMINAL_NAME_MAX = 60;

/** POST /api/sessions/:id/terminals — a new shell in the session's folder, at the opening device's size. */
export const CreateTerminalInput = lazySchema(() => z.object({
  name: z.string().trim().max(TERMINAL_NAME_MAX).optional(),
  cols: z.number().int().min(2).max(500).default(80),
  rows: z.number().int().min(2).max(200).default(24),
}));
export type CreateTerminalInput = z.infer<typeof CreateTerminalInput>;

/** PATCH /api/terminals/:id */
export const RenameTerminalInput = lazySchema(() => z.object({ name: z.string().trim().min(1).max(TERMINAL_NAME_MAX) }));
export type RenameTerminalInput = z.infer<typeof RenameTerminalInput>;

/** POST /api/sessions/:id/claude — the real interactive `claude` TUI in a session terminal. */
/**
 * A Claude Code session id as a device may send it (the CLI's ids are UUIDs): never starting with a dash, as it is
 * passed to the CLI as the argument of `--resume` and would otherwise be read as a flag of its own.
 */
export const CliSessionIdText = lazySchema(() => z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{7,79}$/, "a Claude Code session id (letters, digits and dashes)"));

export const StartInteractiveClaudeInput = lazySchema(() => z.object({
  cols: z.number().int().min(2).max(500).default(100),
  rows: z.number().int().min(2).max(200).default(30),
  /** A Claude Code session id to continue (`--resume`). */
  resumeSessionId: CliSessionIdText.optional(),
  /**
   * The conversation whose timeline mirrors the TUI (its Claude session is resumed when it has one). Omitted, a new
   * conversation of the session is made for it.
   */
  conversationId: ConversationId.optional(),
  /** Passed as `--permission-mode`; omitted, the user's own Claude Code default applies. */
  permissionMode: PermissionMode.optional(),
  /**
   * The effort level (`--effort`) of the conversation made for it, when none is given: the level of the conversation it
   * was started beside, as a TUI started from that conversation runs at. A given conversation runs at its own.
   */
  effort: EffortLevel.optional(),
}).refine((input) => !(input.effort && input.conversationId), { message: "effort is for a new conversation: a given conversation's TUI runs at that conversation's own level", path: ["effort"] }));
export type StartInteractiveClaudeInput = z.infer<typeof StartInteractiveClaudeInput>;

/** POST /api/approvals/:id */
export const AnswerApprovalInput = lazySchema(() => z.object({ behavior: z.enum(["allow", "deny"]), message: z.string().max(2000).optional() }));
export type AnswerApprovalInput = z.infer<typeof AnswerApprovalInput>;
