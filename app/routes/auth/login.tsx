import { data, Form, Link, redirect, useActionData, useSearchParams } from "react-router";
import { signIn } from "../../../modules/access/sign-in.ts";
import { Field } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { ctx, safeNext, withCookies } from "../../lib/server.ts";
import type { Route } from "./+types/login";

export function loader({ context, request }: Route.LoaderArgs) {
  if (ctx(context).actor) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  if (!email || !password) {
    return data({ error: "errors.invalidCredentials" as const, email }, { status: 400 });
  }
  const r = await signIn(email, password, request.headers);
  if (!r.ok) return data({ error: r.error, email }, { status: 401 });
  if (r.twoFactor)
    return withCookies(`/login/two-factor?next=${encodeURIComponent(next)}`, r.headers);
  return withCookies(next, r.headers);
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  return (
    <Page title={t("login.title")}>
      <div className="narrow">
        {notice === "reset" && <Notice kind="success">{t("login.passwordChanged")}</Notice>}
        {notice === "ready" && <Notice kind="success">{t("login.accountReady")}</Notice>}
        {result?.error && (
          <div className="error-summary" role="alert">
            <p>{t(result.error)}</p>
          </div>
        )}
        <Form method="post" noValidate>
          <Field
            name="email"
            type="email"
            label={t("login.email")}
            required
            autoComplete="username"
            defaultValue={result?.email}
          />
          <Field
            name="password"
            type="password"
            label={t("login.password")}
            required
            autoComplete="current-password"
          />
          <button type="submit" className="primary">
            {t("login.submit")}
          </button>
        </Form>
        <p>
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </p>
      </div>
    </Page>
  );
}
