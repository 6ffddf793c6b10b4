import { describe, expect, it } from "vitest";
import { isSecretName } from "./secret-rules.ts";

describe("a secret's name", () => {
  it.each([
    "api_key", "apiKey", "APIKey", "x-api-key", "X-Api-Key", "apikey", "key", "OPENAI_API_KEY", "STRIPE_SECRET_KEY", "PRIVATE_KEY",
    "accessKey", "AWS_SECRET_ACCESS_KEY", "token", "access_token", "accessToken", "accesstoken", "GITHUB_TOKEN", "auth_token",
    "refresh-token", "secret", "client_secret", "clientSecret", "password", "DB_PASSWORD", "passwd", "DB_PWD", "DB_PASS",
    "passphrase", "sig", "signature", "X-Amz-Signature", "auth", "Authorization", "Cookie", "Set-Cookie", "X-Session-Id",
    "GITLAB_PAT", "credentials", "AWS_CREDENTIALS", "jwt", "Ocp-Apim-Subscription-Key",
  ])("%s names a secret", (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    "keyboard", "monkey", "keys", "hotkey", "sort_key", "sortKey", "public_key", "cache-key", "tokenizer", "tokens", "max_tokens",
    "MAX_THINKING_TOKENS", "pageToken", "nextPageToken", "author", "authors", "signal", "design", "passenger", "compass",
    "bypass", "path", "pattern", "v", "page", "q", "region", "model", "user", "PATH", "HOME", "",
  ])("%s names no secret", (name) => expect(isSecretName(name)).toBe(false));
});
