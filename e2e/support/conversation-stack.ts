import { afterAll, beforeAll } from "vitest";
import { cliBinPath, cliEnv, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "../harness/index.ts";
import { ChatmlClient } from "./chatml-client.ts";

/** What {@link conversationStack} starts for a describe block; its fields are set once its `beforeAll` ran. */
export type ConversationStack = {
  api: FakeApi;
  server: ChatmlServer;
  client: ChatmlClient;
  /** Starts a conversation in a new folder (with `extra` start fields) and follows it on the client's socket. */
  open(extra?: Record<string, unknown>): Promise<string>;
};

/**
 * The fake API and a ChatML server on the pinned CLI `version`, driven through an API client, started before the
 * describe block's tests and stopped after them; `name` prefixes the temp dirs, `env` is added to the CLI's.
 * @example const stack = conversationStack("chatml-controls", version); … const id = await stack.open();
 */
export function conversationStack(name: string, version: string, env: Record<string, string> = {}): ConversationStack {
  const stack = {
    open: async (extra: Record<string, unknown> = {}): Promise<string> => {
      const conversation = await stack.client.startInFolder(tempDir(`${name}-work`), extra);
      await stack.client.connect([conversation.id]);
      return conversation.id;
    },
  } as Partial<ConversationStack> as ConversationStack;
  beforeAll(async () => {
    stack.api = await startFakeApi({ port: 0 });
    const cliEnvironment = { ...cliEnv({ apiUrl: stack.api.url, home: tempDir(`${name}-home`) }), ...env };
    stack.server = await startChatml({ dataDir: tempDir(`${name}-data`), claudeBin: cliBinPath(version), env: cliEnvironment });
    stack.client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
  });
  afterAll(async () => {
    stack.client?.disconnect();
    await stack.server?.stop();
    await stack.api?.stop();
  });
  return stack;
}
