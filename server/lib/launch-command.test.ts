import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { launchCommand, loginLinkCommand } from "./launch-command.ts";

function packageRoot(options: { isCheckout: boolean; name?: string }): string {
  const root = mkdtempSync(join(tmpdir(), options.name ?? "chatml-launch-"));
  mkdirSync(join(root, "bin"));
  writeFileSync(join(root, "bin", "chatml.ts"), "");
  // A worktree's .git is a file, a clone's a folder: both mean a checkout.
  if (options.isCheckout) writeFileSync(join(root, ".git"), "gitdir: elsewhere\n");
  return root;
}

describe("launchCommand", () => {
  it("is bunx chatml for the published package", () => {
    const root = packageRoot({ isCheckout: false });
    expect(launchCommand(root, root)).toBe("bunx chatml");
  });

  it("runs the checkout's own bin in a fresh clone, relative from its root and absolute from elsewhere", () => {
    const root = packageRoot({ isCheckout: true });
    expect(launchCommand(root, root)).toBe("bun bin/chatml.ts");
    expect(launchCommand(root, tmpdir())).toBe(`bun ${join(root, "bin", "chatml.ts")}`);
  });

  it("quotes a checkout path the shell would split", () => {
    const root = packageRoot({ isCheckout: true, name: "chat ml-" });
    expect(launchCommand(root, tmpdir())).toBe(`bun '${join(root, "bin", "chatml.ts")}'`);
  });
});

describe("loginLinkCommand", () => {
  it("names the data dir only when it is not the default one", () => {
    expect(loginLinkCommand("bunx chatml", join(homedir(), ".chatml"))).toBe("bunx chatml login-link");
    expect(loginLinkCommand("bun bin/chatml.ts", "/tmp/my data")).toBe("bun bin/chatml.ts login-link --data-dir '/tmp/my data'");
  });
});
