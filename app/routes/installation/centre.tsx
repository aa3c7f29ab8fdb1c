import {
  Form,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useSearchParams,
} from "react-router";
import { setInstallationAdmin } from "../../../modules/access/installation-admins.ts";
import {
  appointCentreAdmin,
  resendAppointment,
} from "../../../modules/access/installation-appoint-admin.ts";
import { viewCentre } from "../../../modules/access/installation-view-centre.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, Field } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requireActor } from "../../lib/server.ts";
import type { Route } from "./+types/centre";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const centre = await load(() => viewCentre(actor, params.id));
  return { centre, me: actor.userId };
}

const NOTICES: Record<string, MessageKey> = {
  created: "installation.createdNotice",
  appointed: "installation.appointed",
  resent: "installation.resent",
  granted: "installation.granted",
  revoked: "installation.revoked",
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const done = (notice: string) => redirect(`/installation/centres/${params.id}?notice=${notice}`);
  return act(form, async (v) => {
    if (intent === "appoint") {
      await appointCentreAdmin(actor, params.id, v);
      return done("appointed");
    }
    if (intent === "resend") {
      await resendAppointment(actor, params.id, v.linkId ?? "");
      return done("resent");
    }
    if (intent === "grant" || intent === "revoke") {
      await setInstallationAdmin(actor, params.id, v.userId ?? "", intent === "grant");
      return done(intent === "grant" ? "granted" : "revoked");
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function CentrePage() {
  const t = useT();
  const { centre: c } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  const intent = state?.values?.intent;
  const message = state ? undefined : NOTICES[params.get("notice") ?? ""];
  const appointLabels = {
    firstName: t("installation.firstName"),
    lastName: t("installation.lastName"),
    email: t("installation.email"),
  };
  return (
    <Page
      title={c.name}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/installation/centres", label: t("installation.title") },
      ]}
    >
      {message && <Notice kind="success">{t(message)}</Notice>}
      {intent && intent !== "appoint" && (
        <ErrorSummary state={state} labels={{ email: t("installation.email") }} />
      )}

      <section aria-labelledby="h-facts">
        <h2 id="h-facts">{t("installation.facts")}</h2>
        <dl className="facts">
          <dt>{t("centre.type")}</dt>
          <dd>{t(`centre.type.${c.type}` as MessageKey)}</dd>
          <dt>{t("centre.city")}</dt>
          <dd>{c.city || t("common.none")}</dd>
          <dt>{t("installation.created")}</dt>
          <dd>{formatDate(c.createdAt)}</dd>
          <dt>{t("installation.employees")}</dt>
          <dd>{c.employees}</dd>
        </dl>
      </section>

      <section aria-labelledby="h-admins">
        <h2 id="h-admins">{t("installation.administrators")}</h2>
        {c.administrators.length === 0 ? (
          <EmptyState>{t("installation.noAdministrators")}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("employee.name")}</th>
                  <th scope="col">{t("installation.email")}</th>
                  <th scope="col">{t("installation.installationAdmin")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {c.administrators.map((a) => (
                  <tr key={a.userId}>
                    <th scope="row">{a.name}</th>
                    <td>{a.email}</td>
                    <td>{t(a.installationAdmin ? "common.yes" : "common.no")}</td>
                    <td>
                      <Form method="post" className="inline">
                        <input type="hidden" name="userId" value={a.userId} />
                        <button
                          type="submit"
                          name="intent"
                          value={a.installationAdmin ? "revoke" : "grant"}
                          className="link-button"
                          aria-label={t(
                            a.installationAdmin
                              ? "installation.revokeLabel"
                              : "installation.grantLabel",
                            { name: a.name },
                          )}
                        >
                          {t(a.installationAdmin ? "installation.revoke" : "installation.grant")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="h-appointments">
        <h2 id="h-appointments">{t("installation.appointments")}</h2>
        {c.appointments.length === 0 ? (
          <EmptyState>{t("installation.noAppointments")}</EmptyState>
        ) : (
          <ul className="mail-list">
            {c.appointments.map((a) => (
              <li key={a.id} className="card">
                <h3>{a.name}</h3>
                <dl className="facts">
                  <dt>{t("installation.email")}</dt>
                  <dd>{a.email}</dd>
                  <dt>{t("installation.sentAt")}</dt>
                  <dd>{formatDateTime(a.createdAt)}</dd>
                  <dt>{t("installation.validUntil")}</dt>
                  <dd>
                    {a.expired
                      ? t("installation.expired", { date: formatDateTime(a.expiresAt) })
                      : formatDateTime(a.expiresAt)}
                  </dd>
                  <dt>{t("installation.mailStatus")}</dt>
                  <dd>
                    {a.mail
                      ? `${t(`mail.status.${a.mail.status}` as MessageKey)}${
                          a.mail.lastError ? ` (${a.mail.lastError})` : ""
                        }`
                      : t("installation.mailNone")}
                  </dd>
                </dl>
                {a.mail && (
                  <details>
                    <summary>{t("installation.mailBody")}</summary>
                    {a.mail.body === null ? (
                      <p>{t("mail.bodyHidden")}</p>
                    ) : (
                      <pre className="mail-body">{a.mail.body}</pre>
                    )}
                  </details>
                )}
                <Form method="post">
                  <input type="hidden" name="linkId" value={a.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="resend"
                    aria-label={t("installation.resendLabel", { name: a.name })}
                  >
                    {t("installation.resend")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="h-appoint" className="card">
        <h2 id="h-appoint">{t("installation.appoint")}</h2>
        <p>{t("installation.appointIntro")}</p>
        {intent === "appoint" && <ErrorSummary state={state} labels={appointLabels} />}
        {/* A new key after each redirect empties the form once an invitation went out. */}
        <Form method="post" noValidate className="narrow" key={location.key}>
          <input type="hidden" name="intent" value="appoint" />
          <Field
            name="firstName"
            label={appointLabels.firstName}
            required
            maxLength={100}
            autoComplete="off"
            state={intent === "appoint" ? state : undefined}
          />
          <Field
            name="lastName"
            label={appointLabels.lastName}
            required
            maxLength={100}
            autoComplete="off"
            state={intent === "appoint" ? state : undefined}
          />
          <Field
            name="email"
            type="email"
            label={appointLabels.email}
            required
            autoComplete="off"
            state={intent === "appoint" ? state : undefined}
          />
          <button type="submit" className="primary">
            {t("installation.appointSubmit")}
          </button>
        </Form>
      </section>
    </Page>
  );
}
