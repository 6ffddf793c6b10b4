/**
 * Git that ChatML runs never asks anything (ADR 0056). ChatML is usually started from a terminal, and the programs git
 * runs inherit it: `ssh` asks for a key's passphrase or to trust a new host on `/dev/tty`, not through git, so
 * `GIT_TERMINAL_PROMPT=0` does not stop it. The question then appears in the terminal ChatML prints to, while the user
 * watches a push (or a new session's fetch) that never ends on their phone. With `SSH_ASKPASS_REQUIRE=force`, ssh
 * (OpenSSH 8.4 and later) asks the askpass program instead of the terminal; ChatML's answers nothing, so ssh gives up
 * at once and git fails with ssh's reason, which {@link withSshHint} explains.
 */
export function noPromptsEnv(): Record<string, string> {
  return { GIT_TERMINAL_PROMPT: "0", SSH_ASKPASS: refusingAskpass(), SSH_ASKPASS_REQUIRE: "force" };
}

let askpass: string | null = null;
/** `false`: exits 1 with no answer, which ssh takes as "no" to a new host and as no passphrase. */
function refusingAskpass(): string {
  askpass ??= Bun.which("false") ?? "/bin/false";
  return askpass;
}

const SSH_HINTS: [RegExp, string][] = [
  [
    /Host key verification failed/,
    "ssh does not know this server's host key yet, and ChatML does not ask you to trust one. Connect once from a terminal on this machine (for example `ssh -T git@github.com`) and accept the key, then try again.",
  ],
  [
    /Permission denied \((publickey|password|keyboard-interactive)/,
    "ssh found no key it could use without asking. If your key has a passphrase, add it to your ssh agent on this machine (`ssh-add`); ChatML never asks for passphrases. Or use an HTTPS remote with a credential helper.",
  ],
];

/** Git's error text with what to do when ssh refused (see {@link noPromptsEnv}); otherwise the text unchanged. */
export function withSshHint(message: string, stderr: string): string {
  const hint = SSH_HINTS.find(([pattern]) => pattern.test(stderr))?.[1];
  return hint ? `${message}\n${hint}` : message;
}
