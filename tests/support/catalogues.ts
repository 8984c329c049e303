// Every catalogue registered, as the server does at start: code that puts
// words together outside a page (the policy, models, emails) finds them.
import "~/i18n/i18n.server";
