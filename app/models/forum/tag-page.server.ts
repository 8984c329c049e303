// A tag's page in one verb: the tag, its questions and whether the viewer
// watches it.
import type { Db } from "../../../db/client";
import type { ThreadSort } from "../../forms/thread";
import type { Actor } from "../../policy";
import { watchLevel } from "../notify/watch.server";
import { getTag, listThreads } from "./thread.server";

/** The page's data, or null when there is no such tag. `name` is the tag as stored: lower case. */
export function tagPageFor(db: Db, viewer: Actor, name: string, sort: ThreadSort, page: number) {
  const tag = getTag(db, name);
  if (!tag) return null;
  return {
    tagId: tag.id,
    signedIn: !!viewer,
    watchLevel: watchLevel(db, viewer, "tag", tag.id),
    tag: tag.name,
    list: listThreads(db, { tag: tag.name }, sort, page),
    sort,
  };
}
