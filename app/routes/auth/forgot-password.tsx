import { Form, useActionData } from "react-router";
import { requestPasswordReset } from "../../../modules/access/password.ts";
import { ErrorSummary, Field } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act } from "../../lib/server.ts";
import type { Route } from "./+types/forgot-password";

export async function action({ request }: Route.ActionArgs) {
  return act(await request.formData(), async (v) => {
    await requestPasswordReset(v.email ?? "");
    return { ok: true };
  });
}

export default function ForgotPassword() {
  const t = useT();
  const state = useActionData<typeof action>();
  if (state && "ok" in state && state.ok) {
    return (
      <Page title={t("forgot.title")}>
        <Notice kind="success">{t("forgot.sent")}</Notice>
      </Page>
    );
  }
  return (
    <Page title={t("forgot.title")}>
      <div className="narrow">
        <p>{t("forgot.intro")}</p>
        <ErrorSummary state={state} labels={{ email: t("login.email") }} />
        <Form method="post" noValidate>
          <Field
            name="email"
            type="email"
            label={t("login.email")}
            required
            autoComplete="email"
            state={state}
          />
          <button type="submit" className="primary">
            {t("forgot.submit")}
          </button>
        </Form>
      </div>
    </Page>
  );
}
