// The credit CC BY-SA asks for, on every imported question and answer: where
// it comes from (linked), who wrote it, under which licence. Made on the
// server as HTML and given after the post's own (sanitised) HTML, so the
// thread page shows it without any JavaScript of its own.
import type { Db } from "../../../db/client";
import type { Language } from "../../i18n/languages";
import { serverT } from "../../i18n/i18n.server";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type CreditRow = { id: number; sourceUrl: string; sourceLicense: string | null; author: string };

/** The credit line's HTML for each imported post among `postIds` (one query). */
export function importCredits(db: Db, postIds: number[], language: Language): Map<number, string> {
  const credits = new Map<number, string>();
  if (!postIds.length) return credits;
  const rows = db.$client
    .prepare(
      `select p.id, p.source_url as sourceUrl, p.source_license as sourceLicense, u.display_name as author
       from posts p join users u on u.id = p.author_id
       where p.id in (select value from json_each(?)) and p.source_url is not null`,
    )
    .all(JSON.stringify(postIds)) as CreditRow[];
  const t = serverT(language);
  for (const row of rows) {
    let site: string;
    try {
      const url = new URL(row.sourceUrl);
      if (url.protocol !== "https:" && url.protocol !== "http:") continue;
      site = url.host;
    } catch {
      continue;
    }
    const words = t("importCredit.line", { site, author: row.author, license: row.sourceLicense || "CC BY-SA" });
    credits.set(row.id, `<p class="source-credit"><a href="${escapeHtml(row.sourceUrl)}" rel="nofollow noopener">${escapeHtml(words)}</a></p>`);
  }
  return credits;
}
