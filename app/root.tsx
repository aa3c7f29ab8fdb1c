import {
  data,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Locale, MessageKey } from "../platform/i18n.ts";
import type { Route } from "./+types/root";
import "./styles.css";
import { I18nProvider, useT } from "./lib/i18n.tsx";
import { navFor } from "./lib/nav.ts";
import { ctx } from "./lib/server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const { locale, actor, nonce } = ctx(context);
  return data({
    locale,
    nonce,
    user: actor ? { name: actor.name, centreName: actor.centreName, roles: actor.roles } : null,
    nav: actor ? navFor(actor).map(({ to, label, end }) => ({ to, label, end: end ?? false })) : [],
  });
}

type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const locale: Locale = root?.locale ?? "pl";
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider locale={locale}>
          <Shell root={root}>{children}</Shell>
        </I18nProvider>
        <ScrollRestoration nonce={root?.nonce} />
        <Scripts nonce={root?.nonce} />
      </body>
    </html>
  );
}

function Shell({ root, children }: { root: RootData | undefined; children: React.ReactNode }) {
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  const other = root?.locale === "en" ? "pl" : "en";
  return (
    <>
      <a href="#main" className="skip-link">
        {t("a11y.skipToContent")}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link to="/">{t("app.name")}</Link>
          {root?.user && <span className="centre">{root.user.centreName}</span>}
        </div>
        {root?.user && root.nav.length > 0 && (
          <nav aria-label={t("a11y.mainNav")} className="main-nav">
            <ul>
              {root.nav.map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.to === "/" || n.end}>
                    {t(n.label as MessageKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <nav className="user-menu" aria-label={t("a11y.userNav")}>
          <form method="post" action="/language" className="inline">
            <input type="hidden" name="lang" value={other} />
            <input type="hidden" name="redirectTo" value={here} />
            <button
              type="submit"
              className="link-button"
              lang={other}
              aria-label={t("nav.switchToLabel")}
            >
              {t("nav.switchTo")}
            </button>
          </form>
          {root?.user ? (
            <>
              <Link to="/profile">{t("nav.profile")}</Link>
              <form method="post" action="/logout" className="inline">
                <button type="submit" className="link-button">
                  {t("nav.signOut")}
                </button>
              </form>
            </>
          ) : (
            <Link to="/login">{t("nav.signIn")}</Link>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <Link to="/deklaracja-dostepnosci">{t("nav.accessibility")}</Link>
        <span>
          {t("app.name")} — {t("app.tagline")}
        </span>
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let status = 500;
  if (isRouteErrorResponse(error)) status = error.status;
  const known = [403, 404, 410, 413, 429, 503].includes(status) ? status : 500;
  const title = t(`httpError.${known}.title` as MessageKey);
  return (
    <>
      <title>{`${title} – ${t("app.name")}`}</title>
      <h1>{title}</h1>
      <p>{t(`httpError.${known}.text` as MessageKey)}</p>
      <p>
        <Link to="/">{t("httpError.home")}</Link>
      </p>
    </>
  );
}
