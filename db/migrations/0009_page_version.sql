CREATE TABLE `page_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);

--> statement-breakpoint
INSERT INTO `page_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
-- Every table whose rows a visitor's page can show bumps the version when it
-- changes. Left out, because no public page reads them: sessions,
-- login_attempts, audit_events, flags, search_documents and search_fts (they
-- follow the threads and articles), search_queries, deflections,
-- article_reviews, access_grants, watches, notifications, outbox_messages.
-- tests/page-cache.test.ts fails on a table that is in neither list.
-- A thread's view count alone does not: views are written in batches and a
-- page may show a count a few seconds old.
CREATE TRIGGER `users_insert_page_version` AFTER INSERT ON `users` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_update_page_version` AFTER UPDATE ON `users` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_page_version` AFTER DELETE ON `users` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `categories_insert_page_version` AFTER INSERT ON `categories` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `categories_update_page_version` AFTER UPDATE ON `categories` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `categories_delete_page_version` AFTER DELETE ON `categories` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `settings_insert_page_version` AFTER INSERT ON `settings` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `settings_update_page_version` AFTER UPDATE ON `settings` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `settings_delete_page_version` AFTER DELETE ON `settings` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `threads_insert_page_version` AFTER INSERT ON `threads` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `threads_update_page_version` AFTER UPDATE ON `threads` WHEN OLD.`view_count` IS NEW.`view_count` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `threads_delete_page_version` AFTER DELETE ON `threads` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `posts_insert_page_version` AFTER INSERT ON `posts` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `posts_update_page_version` AFTER UPDATE ON `posts` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `posts_delete_page_version` AFTER DELETE ON `posts` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `revisions_insert_page_version` AFTER INSERT ON `revisions` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `revisions_update_page_version` AFTER UPDATE ON `revisions` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `revisions_delete_page_version` AFTER DELETE ON `revisions` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tags_insert_page_version` AFTER INSERT ON `tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tags_update_page_version` AFTER UPDATE ON `tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tags_delete_page_version` AFTER DELETE ON `tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_tags_insert_page_version` AFTER INSERT ON `thread_tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_tags_update_page_version` AFTER UPDATE ON `thread_tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_tags_delete_page_version` AFTER DELETE ON `thread_tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `votes_insert_page_version` AFTER INSERT ON `votes` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `votes_update_page_version` AFTER UPDATE ON `votes` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `votes_delete_page_version` AFTER DELETE ON `votes` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `reputation_events_insert_page_version` AFTER INSERT ON `reputation_events` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `reputation_events_update_page_version` AFTER UPDATE ON `reputation_events` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `reputation_events_delete_page_version` AFTER DELETE ON `reputation_events` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `answer_thanks_insert_page_version` AFTER INSERT ON `answer_thanks` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `answer_thanks_update_page_version` AFTER UPDATE ON `answer_thanks` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `answer_thanks_delete_page_version` AFTER DELETE ON `answer_thanks` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `user_badges_insert_page_version` AFTER INSERT ON `user_badges` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `user_badges_update_page_version` AFTER UPDATE ON `user_badges` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `user_badges_delete_page_version` AFTER DELETE ON `user_badges` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `articles_insert_page_version` AFTER INSERT ON `articles` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `articles_update_page_version` AFTER UPDATE ON `articles` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `articles_delete_page_version` AFTER DELETE ON `articles` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_insert_page_version` AFTER INSERT ON `article_tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_update_page_version` AFTER UPDATE ON `article_tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_delete_page_version` AFTER DELETE ON `article_tags` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_versions_insert_page_version` AFTER INSERT ON `article_versions` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_versions_update_page_version` AFTER UPDATE ON `article_versions` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_versions_delete_page_version` AFTER DELETE ON `article_versions` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_feedback_insert_page_version` AFTER INSERT ON `article_feedback` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_feedback_update_page_version` AFTER UPDATE ON `article_feedback` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `article_feedback_delete_page_version` AFTER DELETE ON `article_feedback` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcements_insert_page_version` AFTER INSERT ON `announcements` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcements_update_page_version` AFTER UPDATE ON `announcements` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcements_delete_page_version` AFTER DELETE ON `announcements` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcement_updates_insert_page_version` AFTER INSERT ON `announcement_updates` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcement_updates_update_page_version` AFTER UPDATE ON `announcement_updates` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `announcement_updates_delete_page_version` AFTER DELETE ON `announcement_updates` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `escalations_insert_page_version` AFTER INSERT ON `escalations` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `escalations_update_page_version` AFTER UPDATE ON `escalations` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `escalations_delete_page_version` AFTER DELETE ON `escalations` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `search_synonyms_insert_page_version` AFTER INSERT ON `search_synonyms` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `search_synonyms_update_page_version` AFTER UPDATE ON `search_synonyms` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `search_synonyms_delete_page_version` AFTER DELETE ON `search_synonyms` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
