import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

const SECTIONS = [
  { to: "/settings", label: "settingsNav.account" },
  { to: "/settings/security", label: "settingsNav.security" },
  { to: "/settings/connections", label: "settingsNav.connections" },
  { to: "/settings/tokens", label: "apiPages.nav.tokens" },
  { to: "/settings/data", label: "settingsNav.data" },
] as const;

/** The settings pages' tabs (the current one is marked aria-current="page" by NavLink). */
export function SettingsNav() {
  const t = useT();
  return (
    <nav className="tabs settings-nav" aria-label={t("settingsNav.label")}>
      {SECTIONS.map((section) => (
        <NavLink key={section.to} to={section.to} end>
          {t(section.label)}
        </NavLink>
      ))}
    </nav>
  );
}
