import { Form, redirect, useActionData, useSearchParams } from "react-router";
import { checkResetToken, resetPassword } from "../../../modules/access/password.ts";
import { ErrorSummary, NewPasswordFields } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load } from "../../lib/server.ts";
import type { Route } from "./+types/reset-password";

export async function loader({ request }: Route.LoaderArgs) {
  await load(() => checkResetToken(new URL(request.url).searchParams.get("token") ?? ""));
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return act(await request.formData(), async (v) => {
    await resetPassword(token, v);
    return redirect("/login?notice=reset");
  });
}

export default function ResetPassword() {
  const t = useT();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const labels = { password: t("password.new"), passwordConfirm: t("password.confirm") };
  return (
    <Page title={t("reset.title")}>
      <div className="narrow">
        <ErrorSummary state={state} labels={labels} />
        <Form
          method="post"
          action={`?token=${encodeURIComponent(params.get("token") ?? "")}`}
          noValidate
        >
          <NewPasswordFields label={labels.password} state={state} />
          <button type="submit" className="primary">
            {t("reset.submit")}
          </button>
        </Form>
      </div>
    </Page>
  );
}
