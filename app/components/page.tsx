import { Link } from "react-router";
import { useT } from "../lib/i18n.tsx";

export type Crumb = { to: string; label: string };

/** Every page: its document title, breadcrumbs and one h1. */
export function Page({
  title,
  crumbs = [],
  actions,
  children,
}: {
  title: string;
  crumbs?: Crumb[];
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useT();
  return (
    <>
      <title>{`${title} – ${t("app.name")}`}</title>
      {crumbs.length > 0 && (
        <nav aria-label={t("a11y.breadcrumbs")} className="crumbs">
          <ol>
            {crumbs.map((c) => (
              <li key={c.to}>
                <Link to={c.to}>{c.label}</Link>
              </li>
            ))}
            <li>
              <span aria-current="page">{title}</span>
            </li>
          </ol>
        </nav>
      )}
      <div className="page-head">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

export function Notice({
  children,
  kind = "info",
}: {
  children: React.ReactNode;
  kind?: "info" | "success";
}) {
  return (
    <div className={`notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}

export function EmptyState({
  children,
  action,
}: {
  children: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="empty">
      <p>{children}</p>
      {action}
    </div>
  );
}
