// The staff-only parts of the thread page, for the server's render: the
// browser loads them apart (lazily, see the thread route), so a customer's
// page does not carry them, while the page still arrives whole without JavaScript.
export { EscalationNotice } from "./escalation-notice";
export { ThreadModTools } from "./thread-mod-tools";
