import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

/** A thread's tags, each linking to its list. */
export function TagList({ tags }: { tags: string[] }) {
  const t = useT();
  if (!tags.length) return null;
  return (
    <ul className="tag-list" aria-label={t("tagList.label")}>
      {tags.map((tag) => (
        <li key={tag}>
          <Link className="tag" to={`/tags/${tag}`}>
            {tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
