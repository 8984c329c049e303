-- Search compares words as our code analyses them (app/models/search/text-analysis.server.ts):
-- stems (English and French Snowball), accents folded, French elision and stop
-- words removed, hyphenated words joined ("Wi-Fi" is also "wifi"). Written by
-- hand because drizzle-kit does not model virtual tables. The index is emptied
-- here and rebuilt by our code at start (ensureSearchIndex sees no documents).
DROP TABLE `search_fts`;
--> statement-breakpoint
-- The analysed words of every search document; rowid = search_documents.id.
-- Contentless: the words are never read back, the original text is kept below.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  `title`, `body`, `answers`,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
-- Titles weigh more than the question, the question more than its answers.
INSERT INTO `search_fts` (`search_fts`, `rank`) VALUES ('rank', 'bm25(10.0, 3.0, 1.0)');
--> statement-breakpoint
-- The text of every search document as written, for highlighting and snippets; id = search_documents.id.
CREATE TABLE `search_fts_text` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`answers` text NOT NULL
);
--> statement-breakpoint
-- Every word the index has held, folded (`word`), as first written in lower case
-- (`form`), and the languages of the text it was read in (1 English, 2 French, 3
-- both or unclear): for a word being typed, compound words and "Did you mean".
-- Only grows between rebuilds; a word is suggested only while the index finds it.
CREATE TABLE `search_fts_words` (
	`word` text PRIMARY KEY NOT NULL,
	`form` text NOT NULL,
	`langs` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `search_fts_words_length_idx` ON `search_fts_words` (length(`word`), `word`);
--> statement-breakpoint
-- The index's own terms with their document counts (ranks "Did you mean" candidates).
CREATE VIRTUAL TABLE `search_fts_vocab` USING fts5vocab('search_fts', 'row');
--> statement-breakpoint
DELETE FROM `search_documents`;
