CREATE TABLE `answer_thanks` (
	`post_id` integer PRIMARY KEY NOT NULL,
	`thanked_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thanked_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
