// The "Ask a question" page in one verb: the categories, the similar
// questions and articles for a title already typed (so a customer may find
// their answer before asking), and the known problems (open incidents) to show
// above the form.
import type { Db } from "../../../db/client";
import { listOpenIncidentsByCategory } from "../moderation/incident-views.server";
import { findSimilar } from "../search/search.server";
import { listCategories } from "./category.server";

export function askPageFor(db: Db, input: { title: string; category: string; signedIn: boolean }) {
  return {
    // Ideas are proposed on /ideas/new, where they get their first vote.
    categories: listCategories(db).filter((category) => category.kind !== "ideas"),
    category: input.category,
    title: input.title,
    similar: input.title ? findSimilar(db, input.title) : [],
    signedIn: input.signedIn,
    // Known problems, shown above the form for the chosen category (and those affecting all).
    incidents: listOpenIncidentsByCategory(db),
  };
}
