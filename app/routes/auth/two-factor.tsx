import { data, Form, useActionData } from "react-router";
import { verifySignInCode } from "../../../modules/access/sign-in.ts";
import { Field } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { safeNext, withCookies } from "../../lib/server.ts";
import type { Route } from "./+types/two-factor";

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const code = String(form.get("code") ?? "");
  const r = await verifySignInCode(code, request.headers);
  if (!r.ok) {
    return data({ fieldErrors: { code: "errors.wrongCode" } }, { status: 401 });
  }
  return withCookies(safeNext(new URL(request.url).searchParams.get("next")), r.headers);
}

export default function TwoFactor() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <Page title={t("login.twoFactorTitle")}>
      <div className="narrow">
        <p>{t("login.twoFactorIntro")}</p>
        <Form method="post" noValidate>
          <Field
            name="code"
            label={t("login.code")}
            required
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            state={result}
          />
          <button type="submit" className="primary">
            {t("login.verify")}
          </button>
        </Form>
      </div>
    </Page>
  );
}
