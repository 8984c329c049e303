import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RelativeTime } from "~/components/relative-time";
import { findUserByUsername } from "~/models/user.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.displayName} (@${data.profile.username}) · Community` : "Member not found" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const user = findUserByUsername(context.db, params.username ?? "");
  if (!user) throw new Response("No such member.", { status: 404 });
  return json({
    profile: {
      username: user.username,
      displayName: user.displayName,
      bio: user.bio,
      role: user.role,
      reputation: user.reputation,
      createdAt: user.createdAt,
    },
  });
}

export default function Profile() {
  const { profile } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <header className="profile-header card">
        <span className="avatar avatar-large" aria-hidden="true">
          {profile.displayName.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <h1>
            {profile.displayName}
            {profile.role !== "member" ? <span className="badge badge-staff">Staff</span> : null}
          </h1>
          <p className="muted">
            @{profile.username} · member since <RelativeTime date={profile.createdAt} />
          </p>
          {profile.bio ? <p className="profile-bio">{profile.bio}</p> : null}
        </div>
        <dl className="profile-stats">
          <div>
            <dt>Reputation</dt>
            <dd>{profile.reputation.toLocaleString("en")}</dd>
          </div>
        </dl>
      </header>
    </div>
  );
}
