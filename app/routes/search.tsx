import type { MetaFunction } from "@remix-run/node";
import { Link, useSearchParams } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Search · Community" }];

// Full-text search arrives with the search issue; until then this page says so
// plainly and offers the categories instead.
export default function Search() {
  const [params] = useSearchParams();
  const q = params.get("q") ?? "";
  return (
    <section className="page-narrow card" aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      {q ? <p>You searched for “{q}”.</p> : null}
      <p>Search is coming soon. Meanwhile, browse the topics on the home page to find an answer.</p>
      <p>
        <Link to="/" className="button button-primary">
          Browse topics
        </Link>
      </p>
    </section>
  );
}
