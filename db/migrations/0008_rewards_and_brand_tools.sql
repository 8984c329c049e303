CREATE TABLE `access_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`granted_by_id` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	`revoked_by_id` integer,
	`revoke_reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_grants_user_idx` ON `access_grants` (`user_id`,`revoked_at`);--> statement-breakpoint
CREATE INDEX `access_grants_created_idx` ON `access_grants` (`created_at`);--> statement-breakpoint
CREATE TABLE `announcement_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`announcement_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`announcement_id`) REFERENCES `announcements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `announcement_updates_announcement_idx` ON `announcement_updates` (`announcement_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `announcements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`author_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	`expires_at` integer,
	`severity` text,
	`category_id` integer,
	`resolved_at` integer,
	`resolved_by_id` integer,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `announcements_kind_created_idx` ON `announcements` (`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `announcements_kind_resolved_idx` ON `announcements` (`kind`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`opened_by_id` integer NOT NULL,
	`note` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`closed_at` integer,
	`closed_by_id` integer,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalations_status_idx` ON `escalations` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `escalations_thread_idx` ON `escalations` (`thread_id`,`status`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer,
	`thread_id` integer,
	`post_id` integer,
	`announcement_id` integer,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`read_at` integer,
	`emailed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`announcement_id`) REFERENCES `announcements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_email_idx` ON `notifications` (`emailed_at`,`user_id`);--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`to_address` text DEFAULT '' NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_messages_due_idx` ON `outbox_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_messages_kind_idx` ON `outbox_messages` (`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_messages_created_idx` ON `outbox_messages` (`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_messages_status_created_idx` ON `outbox_messages` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `user_badges` (
	`user_id` integer NOT NULL,
	`badge` text NOT NULL,
	`post_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `badge`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_badges_badge_idx` ON `user_badges` (`badge`,`created_at`);--> statement-breakpoint
CREATE TABLE `watches` (
	`user_id` integer NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`level` text DEFAULT 'watching' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `target_type`, `target_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `watches_target_idx` ON `watches` (`target_type`,`target_id`,`level`);--> statement-breakpoint
ALTER TABLE `posts` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `posts` ADD `hidden_by_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `posts` ADD `hidden_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `official` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `locked_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `pinned_in` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `pinned_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `duplicate_of_id` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `incident_id` integer REFERENCES announcements(id);--> statement-breakpoint
ALTER TABLE `threads` ADD `follow_up_due_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `follow_up_sent_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `follow_up_answer` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `follow_up_answered_at` integer;--> statement-breakpoint
CREATE INDEX `threads_pinned_idx` ON `threads` (`pinned_in`,`pinned_at`);--> statement-breakpoint
CREATE INDEX `threads_hidden_idx` ON `threads` (`hidden_at`) WHERE hidden_at is not null;--> statement-breakpoint
CREATE INDEX `threads_duplicate_of_idx` ON `threads` (`duplicate_of_id`);--> statement-breakpoint
CREATE INDEX `threads_incident_idx` ON `threads` (`incident_id`);--> statement-breakpoint
CREATE INDEX `threads_follow_up_due_idx` ON `threads` (`follow_up_sent_at`,`follow_up_due_at`);--> statement-breakpoint
CREATE INDEX `threads_follow_up_answer_idx` ON `threads` (`follow_up_answer`,`follow_up_answered_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `email_notifications` text DEFAULT 'daily' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `suspended_until` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `suspend_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`created_at`);