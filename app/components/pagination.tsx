import { Link, useLocation } from "@remix-run/react";

function pageHref(search: string, page: number) {
  const params = new URLSearchParams(search);
  if (page <= 1) params.delete("page");
  else params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "?";
}

/** Previous / next links that keep every other query parameter. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { search } = useLocation();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <Link to={pageHref(search, page - 1)} rel="prev" className="button button-small">
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
        <Link to={pageHref(search, page + 1)} rel="next" className="button button-small">
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
