#!/usr/bin/env bash
# Installs Debian's OpenSSH client (`ssh`, `ssh-keygen`), which server/git/no-prompts.bun.test.ts drives against a
# local SSH git server. Idempotent: does nothing when both are here. Uses sudo only when not root.
set -euo pipefail

if command -v ssh >/dev/null && command -v ssh-keygen >/dev/null; then
  echo "openssh: client already installed ($(ssh -V 2>&1))"
  exit 0
fi
command -v apt-get >/dev/null || { echo "openssh: apt-get not found; install the OpenSSH client (ssh, ssh-keygen)" >&2; exit 1; }
sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "openssh: need root or sudo to run apt-get" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" apt-get install -y openssh-client
echo "openssh: installed the client ($(ssh -V 2>&1))"
