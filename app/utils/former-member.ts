// A deleted account keeps its row, anonymised, so its posts stay in their
// threads: these are the names the row then carries, shared by the server
// (which writes them) and the pages (which show them without a profile link).

export const FORMER_MEMBER_NAME = "a former member";

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
