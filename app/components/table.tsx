import { Form, Link, useLocation } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { EmptyState } from "./page.tsx";

function withParams(search: string, changes: Record<string, string | number | undefined>) {
  const p = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") p.delete(k);
    else p.set(k, String(v));
  }
  return `?${p.toString()}`;
}

/** A column header that sorts by link (works without JavaScript) and tells its state. */
export function SortHeader({
  column,
  label,
  sort,
  dir,
}: {
  column: string;
  label: string;
  sort: string;
  dir: "asc" | "desc";
}) {
  const t = useT();
  const { search } = useLocation();
  const active = sort === column;
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        to={withParams(search, { sort: column, dir: nextDir, page: undefined })}
        className="sort"
      >
        {label}
        <span aria-hidden="true">{active ? (dir === "asc" ? " ▲" : " ▼") : ""}</span>
        <span className="visually-hidden">
          {active ? `, ${t(dir === "asc" ? "a11y.sortedAsc" : "a11y.sortedDesc")}` : ""}
        </span>
      </Link>
    </th>
  );
}

export function Pagination({
  page,
  pageSize,
  total,
}: {
  page: number;
  pageSize: number;
  total: number;
}) {
  const t = useT();
  const { search } = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("a11y.pagination")} className="pagination">
      {page > 1 ? (
        <Link to={withParams(search, { page: page - 1 })}>{t("common.previous")}</Link>
      ) : (
        <span />
      )}
      <span>{t("common.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={withParams(search, { page: page + 1 })}>{t("common.next")}</Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Previous / next paging for logs whose total is not counted. */
export function PrevNext({ page, hasNext }: { page: number; hasNext: boolean }) {
  const t = useT();
  const { search } = useLocation();
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={t("a11y.pagination")} className="pagination">
      {page > 1 ? (
        <Link to={withParams(search, { page: page - 1 })}>{t("common.previous")}</Link>
      ) : (
        <span />
      )}
      <span>{page}</span>
      {hasNext ? (
        <Link to={withParams(search, { page: page + 1 })}>{t("common.next")}</Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** A GET search form for a list (works without JavaScript); `children` adds filters. */
export function SearchForm({
  q,
  label,
  clearTo,
  children,
}: {
  q: string | undefined;
  label?: string;
  /** Where "clear" leads; shown only while something is filtered. */
  clearTo?: string | false;
  children?: React.ReactNode;
}) {
  const t = useT();
  return (
    <Form method="get" className="filters" role="search">
      <div className="field">
        <label htmlFor="f-q">{label ?? t("common.search")}</label>
        <input id="f-q" name="q" type="search" defaultValue={q ?? ""} />
      </div>
      {children}
      <button type="submit">{t("common.search")}</button>
      {clearTo && <Link to={clearTo}>{t("common.clear")}</Link>}
    </Form>
  );
}

/**
 * A page number past the end of a list (an old link, or a list that has shrunk since): says so
 * and links to the last page, instead of looking like a list with nothing in it.
 */
export function PastLastPage({ pageSize, total }: { pageSize: number; total: number }) {
  const t = useT();
  const { search } = useLocation();
  const last = Math.max(1, Math.ceil(total / pageSize));
  return (
    <EmptyState
      action={<Link to={withParams(search, { page: last })}>{t("common.toLastPage")}</Link>}
    >
      {t("common.pastLastPage")}
    </EmptyState>
  );
}
