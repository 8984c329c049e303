CREATE TABLE `idea_votes` (
	`thread_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`thread_id`, `user_id`),
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idea_votes_created_idx` ON `idea_votes` (`created_at`,`thread_id`);--> statement-breakpoint
CREATE INDEX `idea_votes_user_idx` ON `idea_votes` (`user_id`);--> statement-breakpoint
CREATE TABLE `known_issue_checks` (
	`known_issue_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`asked_at` integer NOT NULL,
	`answer` text,
	`answered_at` integer,
	PRIMARY KEY(`known_issue_id`, `thread_id`),
	FOREIGN KEY (`known_issue_id`) REFERENCES `known_issues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `known_issue_checks_thread_idx` ON `known_issue_checks` (`thread_id`,`asked_at`);--> statement-breakpoint
CREATE TABLE `known_issue_me_toos` (
	`known_issue_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`thread_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`known_issue_id`, `user_id`),
	FOREIGN KEY (`known_issue_id`) REFERENCES `known_issues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `known_issue_me_toos_day_idx` ON `known_issue_me_toos` (`known_issue_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `known_issue_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`known_issue_id` integer NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`known_issue_id`) REFERENCES `known_issues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `known_issue_updates_issue_idx` ON `known_issue_updates` (`known_issue_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `known_issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`description_html` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'investigating' NOT NULL,
	`team_id` integer,
	`incident_id` integer,
	`article_id` integer,
	`internal_note` text DEFAULT '' NOT NULL,
	`thread_count` integer DEFAULT 0 NOT NULL,
	`me_too_count` integer DEFAULT 0 NOT NULL,
	`me_too_routed_day` integer,
	`merged_into_id` integer,
	`created_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	`fixed_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incident_id`) REFERENCES `announcements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `known_issues_status_idx` ON `known_issues` (`merged_into_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `known_issues_updated_idx` ON `known_issues` (`merged_into_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `known_issues_team_idx` ON `known_issues` (`team_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`route` text DEFAULT 'none' NOT NULL,
	`route_email` text DEFAULT '' NOT NULL,
	`webhook_id` integer,
	`me_too_threshold` integer DEFAULT 5 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
ALTER TABLE `categories` ADD `kind` text DEFAULT 'questions' NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `known_issue_id` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `idea_status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `idea_public_status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `idea_status_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `idea_status_changed_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `idea_early_access_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `idea_vote_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `threads_known_issue_idx` ON `threads` (`known_issue_id`);--> statement-breakpoint
CREATE INDEX `threads_category_idea_votes_idx` ON `threads` (`category_id`,`deleted_at`,`idea_vote_count`);--> statement-breakpoint
CREATE INDEX `threads_category_idea_public_status_idx` ON `threads` (`category_id`,`idea_public_status`,`idea_vote_count`);--> statement-breakpoint
CREATE INDEX `threads_category_idea_status_idx` ON `threads` (`category_id`,`idea_status`,`idea_vote_count`);