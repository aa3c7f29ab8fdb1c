import { Form, Link, redirect, useActionData, useLoaderData, useLocation } from "react-router";
import { acceptInvitation, describeInvitation } from "../../../modules/access/invitations.ts";
import { ErrorSummary, NewPasswordFields } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, ctx, load } from "../../lib/server.ts";
import type { Route } from "./+types/invitation";

export async function loader({ params }: Route.LoaderArgs) {
  return load(() => describeInvitation(params.token));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  return act(await request.formData(), async (v) => {
    await acceptInvitation(
      params.token,
      v,
      ctx(context).locale,
      ctx(context).actor?.userId ?? null,
    );
    return redirect("/login?notice=ready");
  });
}

export default function Invitation() {
  const t = useT();
  const inv = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const labels = { password: t("password.new"), passwordConfirm: t("password.confirm") };
  const { pathname } = useLocation();
  const values = { name: inv.firstName, centre: inv.centreName, email: inv.email };
  return (
    <Page title={t("invitation.title")}>
      <div className="narrow">
        <p>{t(inv.hasAccount ? "invitation.existing" : "invitation.intro", values)}</p>
        <ErrorSummary state={state} labels={labels} />
        <Form method="post" noValidate>
          {!inv.hasAccount && <NewPasswordFields label={labels.password} state={state} />}
          <button type="submit" className="primary">
            {t(inv.hasAccount ? "invitation.join" : "invitation.submit")}
          </button>
        </Form>
        {inv.hasAccount && (
          <p>
            <Link to={`/login?next=${encodeURIComponent(pathname)}`}>{t("nav.signIn")}</Link>
          </p>
        )}
      </div>
    </Page>
  );
}
