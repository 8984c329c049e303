import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { UserLink } from "~/components/user-link";
import { badgeDirectory } from "~/models/reputation/badge.server";
import { useSite } from "~/root";
import { TIER_NAMES } from "~/utils/badges";

export const meta: MetaFunction<typeof loader> = () => [
  { title: "Badges" },
  { name: "description", content: "The community's badges, what each one is for, and the members who hold them." },
];

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ badges: badgeDirectory(context.db) });
}

export default function Badges() {
  const { badges } = useLoaderData<typeof loader>();
  const site = useSite();
  return (
    <div className="stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">Community</Link> › Badges
        </p>
        <h1>Badges</h1>
        <p className="lede">
          Badges thank members for what they did for the community. Each one is awarded automatically, once, and kept for good.
        </p>
      </header>

      {badges.map((badge) => (
        <section key={badge.key} id={`badge-${badge.key}`} className="card badge-section" aria-labelledby={`badge-${badge.key}-name`}>
          <header className="badge-section-header">
            <h2 id={`badge-${badge.key}-name`}>{badge.name}</h2>
            <span className={`badge badge-tier badge-tier-${badge.tier}`}>{TIER_NAMES[badge.tier]}</span>
          </header>
          <p>{badge.description}</p>
          {badge.count ? (
            <>
              <p className="muted badge-holder-count">
                {badge.count === 1 ? "1 member holds it" : `${badge.count.toLocaleString("en")} members hold it`}
                {badge.more ? "; the most recent:" : ":"}
              </p>
              <ul className="badge-holders">
                {badge.holders.map((holder) => (
                  <li key={holder.username}>
                    <UserLink
                      username={holder.username}
                      displayName={holder.displayName}
                      role={holder.role}
                      staffLabel={`${site.brandName} staff`}
                    />
                  </li>
                ))}
                {badge.more ? <li className="muted">and {badge.more.toLocaleString("en")} more</li> : null}
              </ul>
            </>
          ) : (
            <p className="muted">No one has earned it yet.</p>
          )}
        </section>
      ))}
    </div>
  );
}
