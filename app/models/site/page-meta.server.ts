// What a thread's or an article's page tells search engines and link
// previews (canonical address, Open Graph, schema.org data), built on the
// server from what the page already read (and the brand's name, from the
// settings kept per page version), and sent as ready-made meta tags, so the
// thread page's script carries no code for them. Only what a
// visitor may read goes in, whoever is looking (a moderator reading a hidden
// thread gets none of it; a member's own hidden answer is left out), and
// the policy says what a visitor may read, as for the page itself.
import type { Db } from "../../../db/client";
import type { Article } from "../kb/kb-article.server";
import { canSeeArticle, canSeePost, canSeeThread } from "../../policy";
import { seenOf } from "../visibility.server";
import { siteUrl } from "../notify/notification-email.server";
import { getSiteSettings } from "./settings.server";
import { translatorFor } from "../../i18n/i18n";
import type { Language } from "../../i18n/languages";
import { localSite } from "../../utils/brand-words";
import { FORMER_MEMBER_KEY, isFormerMember } from "../../utils/former-member";
import { articlePath, threadPath } from "../../utils/paths";
import type { MetaDescriptor } from "@remix-run/node";
import { canonicalUrl, htmlText, publicPageTags, shorten } from "../../utils/page-meta";

/** How much of a post's text its structured data carries (the page has the rest). */
const TEXT_LENGTH = 1_000;
/** The answers a thread's structured data lists at most, accepted first, then as the page orders them. */
const MAX_ANSWERS = 30;
/** What a description says at most (as the pages' own descriptions). */
const DESCRIPTION_LENGTH = 160;

const SCHEMA = "https://schema.org";

let origin: { key: string; value: string } | null = null;

/**
 * The site's public origin (PUBLIC_URL, see siteUrl), read once per value of
 * the variables it comes from: every page's root loader asks for it.
 */
export function siteOrigin(): string {
  const key = `${process.env.PUBLIC_URL ?? ""}\n${process.env.PORT ?? ""}`;
  if (origin?.key !== key) origin = { key, value: siteUrl() };
  return origin.value;
}

/** What seeing a thread or a post depends on (see seenOf). */
type SeenRow = { authorId: number; deletedAt: Date | null; hiddenAt: Date | null };
/** A question or an answer as the thread page read it (getThreadPage). */
type PostRow = SeenRow & { id: number; bodyHtml: string; createdAt: Date; score: number; authorUsername: string; authorDisplayName: string };
type ThreadRows = { thread: SeenRow & { id: number; slug: string; title: string; acceptedAnswerId: number | null }; question: PostRow; answers: PostRow[] };

function person(post: PostRow, at: string, language: Language) {
  if (isFormerMember({ username: post.authorUsername, displayName: post.authorDisplayName })) {
    return { "@type": "Person", name: translatorFor(language)(FORMER_MEMBER_KEY) };
  }
  return { "@type": "Person", name: post.authorDisplayName, url: `${at}/u/${encodeURIComponent(post.authorUsername)}` };
}

/** The brand's name in the reader's language (og:site_name, an article's author). */
function brandName(db: Db, language: Language): string {
  return localSite(getSiteSettings(db), language).brandName;
}

/**
 * A thread page's tags for search engines and previews, ready for its meta
 * (its QAPage data with the answers a visitor may read), or null when a
 * visitor may not read the thread.
 */
export function threadPageMeta(db: Db, rows: ThreadRows, language: Language, at: string = siteOrigin()): MetaDescriptor[] | null {
  const { thread, question } = rows;
  const seenThread = seenOf(thread);
  if (!canSeeThread(null, seenThread) || !canSeePost(null, seenOf(question), seenThread)) return null;
  const url = canonicalUrl(at, threadPath(thread));
  const answers = rows.answers.filter((answer) => canSeePost(null, seenOf(answer), seenThread));
  const answerData = (answer: PostRow) => ({
    "@type": "Answer",
    text: htmlText(answer.bodyHtml, TEXT_LENGTH),
    dateCreated: answer.createdAt.toISOString(),
    upvoteCount: answer.score,
    url: `${url}#post-${answer.id}`,
    author: person(answer, at, language),
  });
  const accepted = answers.find((answer) => answer.id === thread.acceptedAnswerId);
  const suggested = answers.filter((answer) => answer !== accepted).slice(0, accepted ? MAX_ANSWERS - 1 : MAX_ANSWERS);
  const questionText = htmlText(question.bodyHtml, TEXT_LENGTH);
  const mainEntity = {
    "@type": "Question",
    name: thread.title,
    text: questionText,
    dateCreated: question.createdAt.toISOString(),
    author: person(question, at, language),
    answerCount: answers.length,
    upvoteCount: question.score,
    ...(accepted ? { acceptedAnswer: answerData(accepted) } : {}),
    ...(suggested.length ? { suggestedAnswer: suggested.map(answerData) } : {}),
  };
  const jsonLd = { "@context": SCHEMA, "@type": "QAPage", mainEntity };
  return publicPageTags({ url, title: thread.title, description: shorten(questionText, DESCRIPTION_LENGTH), type: "website", jsonLd }, brandName(db, language));
}

/**
 * A knowledge-base article's tags for search engines and previews (its
 * Article data, written by the brand), or null when a visitor may not read
 * it (a draft, an archived one).
 */
export function articlePageMeta(db: Db, article: Article, language: Language, at: string = siteOrigin()): MetaDescriptor[] | null {
  if (!canSeeArticle(null, article)) return null;
  const url = canonicalUrl(at, articlePath(article));
  const name = brandName(db, language);
  const brand = { "@type": "Organization", name, url: `${at}/` };
  const description = htmlText(article.bodyHtml, DESCRIPTION_LENGTH);
  const jsonLd = {
    "@context": SCHEMA,
    "@type": "Article",
    // Search engines show a headline of 110 characters at most.
    headline: shorten(article.title, 110),
    description,
    datePublished: (article.publishedAt ?? article.createdAt).toISOString(),
    dateModified: article.updatedAt.toISOString(),
    author: brand,
    publisher: brand,
    mainEntityOfPage: url,
    url,
  };
  return publicPageTags({ url, title: article.title, description, type: "article", jsonLd }, name);
}
