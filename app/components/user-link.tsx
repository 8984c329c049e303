import { Link } from "@remix-run/react";

/** An author's name linking to their profile, with reputation and a staff mark where they apply. */
export function UserLink({
  username,
  displayName,
  role,
  reputation,
  staffLabel = "Staff",
}: {
  username: string;
  displayName: string;
  role: "member" | "moderator" | "admin";
  reputation?: number;
  staffLabel?: string;
}) {
  return (
    <span className="user-link">
      <Link to={`/u/${username}`}>{displayName}</Link>
      {role !== "member" ? <span className="badge badge-staff">{staffLabel}</span> : null}
      {reputation !== undefined ? (
        <span className="reputation" title="Reputation">
          <span className="visually-hidden">reputation </span>
          {reputation.toLocaleString("en")}
        </span>
      ) : null}
    </span>
  );
}
