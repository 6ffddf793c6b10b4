import { compareVersions, type UpdateChange } from "../../shared/build-id.ts";

/** One side of the comparison: a package version and, for a built app, its build id (null in development). */
export type AppBuild = { version: string; build: string | null };

/**
 * Whether a page should reload to run the app the server serves, and how that app stands to it. The build id decides
 * when both sides have one: the version alone missed a rebuild of the same version (and a downgrade was offered as
 * "a newer ChatML"). Without one (a development page, an app from before build ids) the versions decide.
 */
export function updateOffer(server: AppBuild, page: { version?: string; build?: string }): UpdateChange | null {
  if (page.version === undefined) return null;
  const isSameBuild = server.build !== null && page.build !== undefined ? server.build === page.build : server.version === page.version;
  if (isSameBuild) return null;
  const order = compareVersions(server.version, page.version);
  return order > 0 ? "newer" : order < 0 ? "older" : "rebuilt";
}
