-- The words of every search document; rowid = search_documents.id. Written by
-- hand because drizzle-kit does not model virtual tables. Accents are folded
-- ("facture" finds "Facturé"); the prefix indexes make "rout*" cheap.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  `title`, `body`, `answers`,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
-- Titles weigh more than the question, the question more than its answers.
INSERT INTO `search_fts` (`search_fts`, `rank`) VALUES ('rank', 'bm25(10.0, 3.0, 1.0)');
