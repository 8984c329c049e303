// The leaderboard as the API shows it: the site's board (members only,
// points gained in the period, overall or in one category), each member as
// a reference with their rank in the caller's language.
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { users } from "../../../db/schema";
import { leaderboard, type LeaderboardPeriod } from "../../models/reputation/leaderboard.server";
import { getRewardRules } from "../../models/reputation/reward-rules.server";
import { localRankName } from "../../utils/brand-words";
import { categoryRef, userRef, type ApiViewer } from "../present.server";
import type { ApiLeaderboard } from "../schemas";

export function leaderboardForApi(
  db: Db,
  viewer: ApiViewer,
  period: LeaderboardPeriod,
  category: { id: number; slug: string; name: string; translations: Parameters<typeof categoryRef>[1]["translations"] } | null,
): ApiLeaderboard {
  const rows = leaderboard(db, { period, categoryId: category?.id });
  const { ranks } = getRewardRules(db);
  // The board names its members by username: their ids and bot marks in one query (on the lower(username) index).
  const members = rows.length
    ? db
        .select({ id: users.id, username: users.username, displayName: users.displayName, isBot: users.isBot, deletedAt: users.deletedAt })
        .from(users)
        .where(sql`lower(${users.username}) in (select lower(value) from json_each(${JSON.stringify(rows.map((row) => row.user.username))}))`)
        .all()
    : [];
  const byName = new Map(members.map((member) => [member.username.toLowerCase(), member]));
  return {
    period,
    category: category ? categoryRef(viewer, category) : null,
    items: rows.map((row) => ({
      position: row.position,
      user: userRef(viewer, byName.get(row.user.username.toLowerCase())),
      reputation: row.user.reputation,
      rank: localRankName(ranks, row.user.rank, viewer.language),
      points: row.points,
      accepted: row.accepted,
      badges: row.badges,
    })),
  };
}
