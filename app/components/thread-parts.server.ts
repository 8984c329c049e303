// The parts of the thread page that only some viewers or some threads show
// (the moderators' tools, an escalation's notice, the asker's follow-up
// question, a known issue's banner, an idea's votes and status, the flag form), for the server's render: the browser loads each apart, lazily,
// when a page shows it (see the thread route), so the page's own script stays
// small, while the page still arrives whole without JavaScript.
export { EscalationNotice } from "./escalation-notice";
export { ThreadModTools } from "./thread-mod-tools";
export { FollowUpPrompt } from "./follow-up-prompt";
export { KnownIssueBanner } from "./known-issue-banner";
export { IdeaPanel } from "./idea-panel";
export { FlagForm } from "./flag-form";
