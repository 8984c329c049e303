import { NavLink } from "@remix-run/react";

const SECTIONS = [
  { to: "/settings", label: "Account" },
  { to: "/settings/security", label: "Security" },
  { to: "/settings/connections", label: "Sign-in connections" },
  { to: "/settings/data", label: "Your data" },
];

/** The settings pages' tabs (the current one is marked aria-current="page" by NavLink). */
export function SettingsNav() {
  return (
    <nav className="tabs settings-nav" aria-label="Settings">
      {SECTIONS.map((section) => (
        <NavLink key={section.to} to={section.to} end>
          {section.label}
        </NavLink>
      ))}
    </nav>
  );
}
