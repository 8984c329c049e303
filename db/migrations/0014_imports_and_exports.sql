CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`location` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`phase` text DEFAULT '' NOT NULL,
	`state` text DEFAULT '{}' NOT NULL,
	`started_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `import_runs_source_idx` ON `import_runs` (`source`,`started_at`);--> statement-breakpoint
CREATE TABLE `import_sources` (
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`target_id` integer NOT NULL,
	PRIMARY KEY(`source`, `kind`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `import_sources_target_idx` ON `import_sources` (`kind`,`target_id`);--> statement-breakpoint
CREATE TABLE `site_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requested_by_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`with_secrets` integer DEFAULT false NOT NULL,
	`file_name` text DEFAULT '' NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`progress` text DEFAULT '{}' NOT NULL,
	`error` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`requested_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `site_exports_created_idx` ON `site_exports` (`created_at`);--> statement-breakpoint
CREATE INDEX `site_exports_status_idx` ON `site_exports` (`status`);--> statement-breakpoint
ALTER TABLE `posts` ADD `source_url` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `source_license` text;