// What every moderators' page shows around its content (the /mod layout) in
// one verb: how many flags, held posts and knowledge-base reviews wait, for
// the tabs. Staff only, checked before anything is counted.
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { countOpenReviews } from "../kb/kb-review.server";
import { countOpenFlags } from "./flag.server";
import { countHeldPosts } from "./review.server";

export function modFrameFor(db: Db, actor: Actor) {
  assertCan(actor, "mod.access");
  return { openFlags: countOpenFlags(db), openReviews: countOpenReviews(db), heldPosts: countHeldPosts(db) };
}
