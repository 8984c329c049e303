DROP INDEX `posts_thread_idx`;--> statement-breakpoint
CREATE INDEX `posts_thread_idx` ON `posts` (`thread_id`,`kind`,`created_at`,`deleted_at`,`hidden_at`,`author_id`);--> statement-breakpoint
DROP INDEX `search_queries_created_idx`;--> statement-breakpoint
CREATE INDEX `search_queries_created_idx` ON `search_queries` (`created_at`,`result_count`);