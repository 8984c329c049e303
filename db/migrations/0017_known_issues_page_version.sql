-- Known issues and their public history show on public pages (/known-issues, a linked thread's banner): writing them moves the page version. Me-toos and idea votes change a counter on known_issues or threads in the same transaction, which moves it already; teams and fix checks are for staff and the asker only (tests/http/page-cache.test.ts lists them).
CREATE TRIGGER `known_issues_insert_page_version` AFTER INSERT ON `known_issues` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `known_issues_update_page_version` AFTER UPDATE ON `known_issues` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `known_issues_delete_page_version` AFTER DELETE ON `known_issues` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `known_issue_updates_insert_page_version` AFTER INSERT ON `known_issue_updates` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `known_issue_updates_update_page_version` AFTER UPDATE ON `known_issue_updates` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `known_issue_updates_delete_page_version` AFTER DELETE ON `known_issue_updates` BEGIN UPDATE `page_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
