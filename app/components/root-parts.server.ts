// The parts of every page's frame that only some pages show at some times (a
// service status banner while an incident is open, the welcome on a new
// member's first page), for the server's render: the browser loads each
// apart when it is shown (onDemand in root.tsx), so every page's script stays small.
export { IncidentBanner } from "./incident-banner";
export { WelcomeNotice } from "./welcome-notice";
