// A deleted account keeps its row, anonymised, so its posts stay in their
// threads: these are the names the row then carries, shared by the server
// (which writes them) and the pages (which show them without a profile link).

/** What the row carries (its display name, in the database): the marker, never shown as such. */
export const FORMER_MEMBER_NAME = "a former member";

/** What a reader sees instead, in their language: t(FORMER_MEMBER_KEY). */
export const FORMER_MEMBER_KEY = "formerMember.name";

/** The name to show for an author: "a former member" in the reader's words for a deleted account, else theirs. */
export function shownAuthorName(author: { username: string; displayName: string }, t: (key: string) => string): string {
  return isFormerMember(author) ? t(FORMER_MEMBER_KEY) : author.displayName;
}

export function formerMemberUsername(userId: number) {
  return `former-member-${userId}`;
}

/** ".invalid" is reserved (RFC 2606): no mail is ever delivered there, and the address stays unique. */
export function formerMemberEmail(userId: number) {
  return `former-member-${userId}@invalid`;
}

/**
 * Whether an author shown on a page is a deleted account (pages get names,
 * not the deletion date). Both names must match: a live member who chose
 * this pair would only hide their own name and profile link.
 */
export function isFormerMember(author: { username: string; displayName: string }) {
  return author.displayName === FORMER_MEMBER_NAME && /^former-member-\d+(?:-\d+)?$/.test(author.username);
}
