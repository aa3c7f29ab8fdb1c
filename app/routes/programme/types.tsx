import { Form, useActionData, useLoaderData } from "react-router";
import { activityTypeLabel } from "../../../modules/programme/activity-types.ts";
import {
  listActivityTypesForManagement,
  saveActivityType,
} from "../../../modules/programme/manage-activity-types.ts";
import { AppError } from "../../../platform/errors.ts";
import { isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, Field, type FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/types";
import "../../components/programme/catalogue.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const t = tOf(context);
  const rows = await listActivityTypesForManagement(actor);
  return {
    rows: rows.map((r) => ({
      ...r,
      label: activityTypeLabel(t, r),
      defaultLabel: r.code ? t(`programme.type.${r.code}` as MessageKey) : null,
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  return act(form, async (v) => {
    if (intent === "add") {
      await saveActivityType(actor, null, { name: v.name });
      return { ok: true, message: "catalogue.types.added" };
    }
    if (intent === "rename" || intent === "hide" || intent === "show") {
      const archived = intent === "rename" ? v.archived : intent === "hide" ? "true" : "false";
      await saveActivityType(actor, v.id ?? "", { name: v.name ?? "", archived });
      const done = { rename: "renamed", hide: "hiddenNotice", show: "shownNotice" }[intent];
      return { ok: true, message: `catalogue.types.${done}` };
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function ActivityTypes() {
  const { t } = useI18n();
  const { rows } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as
    | (FormState & { ok?: boolean; message?: string })
    | undefined;
  const intent = state?.values?.intent;
  const rowError = (id: string) =>
    intent === "rename" && state?.values?.id === id ? state?.fieldErrors?.name : undefined;
  const message = state?.message && isMessageKey(state.message) ? state.message : null;
  return (
    <Page
      title={t("catalogue.types.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("catalogue.title") },
      ]}
    >
      <p className="prose">{t("catalogue.types.intro")}</p>
      {message && <Notice kind="success">{t(message)}</Notice>}
      {intent === "rename" && (
        <ErrorSummary
          state={state}
          labels={{ name: t("catalogue.types.ownName") }}
          idPrefix={`t-${state?.values?.id}-`}
        />
      )}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("catalogue.types.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("catalogue.type")}</th>
              <th scope="col">{t("catalogue.types.ownName")}</th>
              <th scope="col">{t("catalogue.types.visibility")}</th>
              <th scope="col" className="num">
                {t("catalogue.types.activities")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const err = rowError(r.id);
              const id = `t-${r.id}-name`;
              return (
                <tr key={r.id}>
                  <th scope="row">
                    {r.label}
                    {r.defaultLabel && r.name && (
                      <>
                        <br />
                        <span className="muted">
                          {t("catalogue.types.builtIn", { name: r.defaultLabel })}
                        </span>
                      </>
                    )}
                    {!r.code && (
                      <>
                        <br />
                        <span className="muted">{t("catalogue.types.own")}</span>
                      </>
                    )}
                  </th>
                  <td>
                    <Form method="post" className="type-rename">
                      <input type="hidden" name="intent" value="rename" />
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="archived" value={String(r.archived)} />
                      <div className={`field${err ? " field-invalid" : ""}`}>
                        <label htmlFor={id} className="visually-hidden">
                          {t("catalogue.types.ownNameOf", { name: r.label })}
                        </label>
                        <input
                          id={id}
                          name="name"
                          maxLength={100}
                          defaultValue={
                            intent === "rename" && state?.values?.id === r.id
                              ? (state.values.name ?? "")
                              : r.name
                          }
                          placeholder={r.defaultLabel ?? ""}
                          aria-invalid={err ? true : undefined}
                          aria-describedby={err ? `${id}-error` : undefined}
                        />
                        {err && (
                          <p className="error" id={`${id}-error`}>
                            {isMessageKey(err) ? t(err) : err}
                          </p>
                        )}
                      </div>
                      <button
                        type="submit"
                        aria-label={t("catalogue.types.renameOf", { name: r.label })}
                      >
                        {t("common.save")}
                      </button>
                    </Form>
                  </td>
                  <td>
                    <Form method="post" className="row-actions">
                      <input type="hidden" name="intent" value={r.archived ? "show" : "hide"} />
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="name" value={r.name} />
                      <span>
                        {t(r.archived ? "catalogue.types.hidden" : "catalogue.types.shown")}
                      </span>
                      <button
                        type="submit"
                        aria-label={t(
                          r.archived ? "catalogue.types.showOf" : "catalogue.types.hideOf",
                          { name: r.label },
                        )}
                      >
                        {t(r.archived ? "catalogue.types.show" : "catalogue.types.hide")}
                      </button>
                    </Form>
                  </td>
                  <td className="num">{r.activities}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="h-add" className="card narrow">
        <h2 id="h-add">{t("catalogue.types.add")}</h2>
        {intent === "add" && (
          <ErrorSummary state={state} labels={{ name: t("catalogue.types.newName") }} />
        )}
        {/* A new key after each addition empties the field for the next one. */}
        <Form method="post" noValidate key={rows.length}>
          <input type="hidden" name="intent" value="add" />
          <Field
            name="name"
            label={t("catalogue.types.newName")}
            required
            maxLength={100}
            state={intent === "add" ? state : undefined}
            defaultValue=""
          />
          <button type="submit" className="primary">
            {t("catalogue.types.addButton")}
          </button>
        </Form>
      </section>
    </Page>
  );
}
