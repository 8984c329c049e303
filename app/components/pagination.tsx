import { Link, useLocation } from "@remix-run/react";

function pageHref(search: string, page: number, extra: Record<string, string> = {}) {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  if (page <= 1) params.delete("page");
  else params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "?";
}

/** Previous / next links that keep every other query parameter (plus `extra`). */
export function Pagination({ page, pageCount, extra }: { page: number; pageCount: number; extra?: Record<string, string> }) {
  const { search } = useLocation();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <Link to={pageHref(search, page - 1, extra)} rel="prev" className="button button-small">
          ← Previous
        </Link>
      ) : (
        <span className="button button-small" aria-disabled="true">
          ← Previous
        </span>
      )}
      <span className="pagination-status">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={pageHref(search, page + 1, extra)} rel="next" className="button button-small">
          Next →
        </Link>
      ) : (
        <span className="button button-small" aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
