// A staff area's sections (moderation, administration). On a wide screen, a
// row of tabs. On a phone, ten tabs would wrap onto four rows: one line
// names the section you are in and opens the list of the others. That line
// is a <details>, so it opens without JavaScript. Only one of the two is
// displayed at a time (the stylesheet decides by the screen's width), so a
// screen reader meets one navigation, not two.
import { NavLink, useLocation } from "@remix-run/react";

export type Section = { to: string; label: string; /** Active on exactly this path, not on the paths under it. */ end?: boolean };

function isCurrent(section: Section, pathname: string) {
  const path = pathname.replace(/\/+$/, "") || "/";
  return section.end ? path === section.to : path === section.to || path.startsWith(`${section.to}/`);
}

export function SectionTabs({ label, sections, menuLabel }: { label: string; sections: Section[]; menuLabel: (section: string) => string }) {
  const { pathname } = useLocation();
  const current = sections.filter((s) => isCurrent(s, pathname)).sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <>
      <nav className="tabs section-tabs" aria-label={label}>
        {sections.map((s) => (
          <NavLink key={s.to} to={s.to} end={s.end}>
            {s.label}
          </NavLink>
        ))}
      </nav>
      <nav className="section-menu" aria-label={label}>
        <details>
          <summary>{current ? menuLabel(current.label) : label}</summary>
          <ul>
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to} end={s.end}>
                  {s.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </details>
      </nav>
    </>
  );
}
