// The bounds of the known issue editor's fields: the server's schemas
// (known-issues.server.ts) and the browser's field hints share them.
export const KNOWN_ISSUE_TITLE_MIN = 5;
export const KNOWN_ISSUE_TITLE_MAX = 150;
export const KNOWN_ISSUE_DESCRIPTION_MIN = 10;
export const KNOWN_ISSUE_DESCRIPTION_MAX = 20_000;
export const INTERNAL_NOTE_MAX = 5_000;
export const STATUS_NOTE_MAX = 2_000;
