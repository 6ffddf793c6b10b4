import type { Migration } from "../migrate.ts";
import { migration0001 } from "./0001-init.ts";
import { migration0002 } from "./0002-workspaces-sessions-search.ts";
import { migration0003 } from "./0003-remote-access.ts";
import { migration0004 } from "./0004-event-type-index.ts";
import { migration0005 } from "./0005-deferred-search-index.ts";
import { migration0006 } from "./0006-goals-jobs-runs.ts";
import { migration0007 } from "./0007-power-tools.ts";
import { migration0008 } from "./0008-integrations.ts";
import { migration0009 } from "./0009-cli-processes.ts";
import { migration0010 } from "./0010-review-comments.ts";
import { migration0011 } from "./0011-workspace-archive.ts";
import { migration0012 } from "./0012-message-queue.ts";
import { migration0013 } from "./0013-mcp-servers-and-forks.ts";
import { migration0014 } from "./0014-forked-messages.ts";
import { migration0015 } from "./0015-conversation-mcp-switches.ts";
import { migration0016 } from "./0016-part-chunks.ts";
import { migration0017 } from "./0017-job-sessions-and-link-endings.ts";
import { migration0018 } from "./0018-review-comment-edits-and-replies.ts";
import { migration0019 } from "./0019-job-conversations.ts";
import { migration0020 } from "./0020-terminals.ts";
import { migration0021 } from "./0021-rewind-notes.ts";
import { migration0022 } from "./0022-conversation-indexes-commits-leave-alone.ts";
import { migration0023 } from "./0023-checkpoint-gap-start.ts";
import { migration0024 } from "./0024-chunks-refer-to-their-events.ts";
import { migration0025 } from "./0025-commands-in-their-key.ts";

/** Every schema step, in order. Append new ones; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019, migration0020, migration0021, migration0022, migration0023, migration0024, migration0025];
