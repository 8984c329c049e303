import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

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
  const t = useT();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={pageHref(search, page - 1, extra)} rel="prev" className="button button-small">
          {t("pagination.previous")}
        </Link>
      ) : (
        <span className="button button-small" aria-disabled="true">
          {t("pagination.previous")}
        </span>
      )}
      <span className="pagination-status">
        {t("pagination.status", { page, pageCount })}
      </span>
      {page < pageCount ? (
        <Link to={pageHref(search, page + 1, extra)} rel="next" className="button button-small">
          {t("pagination.next")}
        </Link>
      ) : (
        <span className="button button-small" aria-disabled="true">
          {t("pagination.next")}
        </span>
      )}
    </nav>
  );
}
