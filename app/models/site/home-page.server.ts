// The community's front page in one verb: the categories with their counts,
// the questions (home pins first), a few unanswered ones and the most helpful
// articles, as everyone sees them.
import type { Db } from "../../../db/client";
import type { ThreadSort } from "../../forms/thread";
import { listCategoriesWithCounts } from "../forum/category.server";
import { listThreads } from "../forum/thread.server";
import { listArticles } from "../kb/kb.server";

const SIDE_LIST_LENGTH = 5;

export function homePageFor(db: Db, sort: ThreadSort, page: number) {
  return {
    categories: listCategoriesWithCounts(db),
    list: listThreads(db, { pins: "home" }, sort, page),
    // The side lists are page 1's, and no list beside itself.
    unanswered: page === 1 && sort !== "unanswered" ? listThreads(db, {}, "unanswered", 1, SIDE_LIST_LENGTH).threads : [],
    articles: page === 1 ? listArticles(db, {}, "helpful", 1, SIDE_LIST_LENGTH).articles : [],
    sort,
  };
}
