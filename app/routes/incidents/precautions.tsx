// /incidents/precautions — warnings on case references. The unit's staff who meet clients see
// the active ones of their unit; managers (their units) and safety officers keep them: add,
// renew (a new review date), remove, and make the police-assistance request for a visit.
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { CASE_REFERENCE_MAX } from "../../../modules/incidents/case-reference.ts";
import { earliestVisitDay } from "../../../modules/incidents/police-request.ts";
import {
  deletePrecaution,
  getPrecaution,
  listPrecautions,
  savePrecaution,
} from "../../../modules/incidents/precautions.ts";
import { REASON_MAX } from "../../../modules/incidents/schema.ts";
import { centreUnits } from "../../../modules/org/units.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { addDays } from "../../../platform/warsaw-time.ts";
import {
  CheckboxField,
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
} from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { SearchForm } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/precautions";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.report");
  const params = pageParams(new URL(request.url));
  const list = await listPrecautions(actor, params);
  const editing = params.edit ? await load(() => getPrecaution(actor, params.edit)) : null;
  const kept = list.keptUnitIds;
  const units = list.mayKeep
    ? (await centreUnits(actor.centreId)).filter((u) => kept === null || kept.includes(u.id))
    : [];
  return {
    list,
    editing,
    units,
    earliestVisit: earliestVisitDay(list.today),
    defaultReview: addDays(list.today, 180),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "incidents.precautions.manage");
  const form = await request.formData();
  return act(form, async (v) => {
    switch (v.intent) {
      case "save":
        await savePrecaution(actor, v.id || null, v);
        return redirect(`/incidents/precautions?done=${v.id ? "saved" : "added"}`);
      case "delete":
        await deletePrecaution(actor, v.id ?? "");
        return redirect("/incidents/precautions?done=deleted");
      default:
        throw new AppError("validation", { _form: "errors.invalid" });
    }
  });
}

export default function Precautions() {
  const t = useT();
  const { list, editing, units, earliestVisit, defaultReview } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const done = params.get("done");
  const showForm =
    list.mayKeep && (editing || params.has("new") || state?.values?.intent === "save");
  const labels = {
    unitId: t("incidents.field.unit"),
    caseReference: t("incidents.field.caseReference"),
    visitsInPairs: t("incidents.precaution.visitsInPairs"),
    reviewOn: t("incidents.precaution.reviewOn"),
    reason: t("incidents.precaution.reason"),
  };
  return (
    <Page
      title={t("incidents.precaution.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/incidents", label: t("incidents.title") },
      ]}
      actions={
        list.mayKeep &&
        !showForm && (
          <Link className="button primary" to="/incidents/precautions?new=1">
            {t("incidents.precaution.new")}
          </Link>
        )
      }
    >
      <p className="lead">{t("incidents.precaution.intro")}</p>
      {done && ["added", "saved", "deleted"].includes(done) && (
        <Notice kind="success">{t(`incidents.precaution.done.${done}` as MessageKey)}</Notice>
      )}
      {showForm && (
        <section aria-labelledby="h-precaution-form" className="card">
          <h2 id="h-precaution-form">
            {t(editing ? "incidents.precaution.edit" : "incidents.precaution.new")}
          </h2>
          <ErrorSummary state={state} labels={labels} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            {editing && <input type="hidden" name="id" value={editing.id} />}
            <SelectField
              name="unitId"
              label={labels.unitId}
              required
              state={state}
              defaultValue={editing?.unitId ?? ""}
              placeholder={t("incidents.report.choose")}
              options={units.map((u) => ({
                value: u.id,
                label: `${"— ".repeat(u.depth)}${u.name}`,
              }))}
            />
            <Field
              name="caseReference"
              label={labels.caseReference}
              required
              state={state}
              maxLength={CASE_REFERENCE_MAX}
              autoComplete="off"
              defaultValue={editing?.caseReference}
              hint={t("incidents.report.caseHint")}
            />
            <fieldset>
              {/* The error summary's link for this choice goes to its first box. */}
              <legend>{t("incidents.precaution.what")}</legend>
              <CheckboxField
                name="visitsInPairs"
                label={labels.visitsInPairs}
                state={state}
                defaultChecked={editing?.visitsInPairs ?? true}
              />
              <CheckboxField
                name="policeAdvised"
                label={t("incidents.precaution.policeAdvised")}
                state={state}
                defaultChecked={editing?.policeAdvised ?? false}
              />
              {state?.fieldErrors?.visitsInPairs && (
                <p className="error">{t(state.fieldErrors.visitsInPairs as MessageKey)}</p>
              )}
            </fieldset>
            <Field
              name="reason"
              label={labels.reason}
              state={state}
              maxLength={REASON_MAX}
              defaultValue={editing?.reason}
              hint={t("incidents.precaution.reasonHint")}
            />
            <Field
              name="reviewOn"
              type="date"
              label={labels.reviewOn}
              required
              state={state}
              defaultValue={editing?.reviewOn ?? defaultReview}
              hint={t("incidents.precaution.reviewHint")}
            />
            <button type="submit" className="primary">
              {t("common.save")}
            </button>{" "}
            <Link to="/incidents/precautions">{t("common.cancel")}</Link>
          </Form>
        </section>
      )}

      <SearchForm
        q={list.q}
        label={t("incidents.precaution.search")}
        clearTo={list.q ? "/incidents/precautions" : false}
      />
      {list.rows.length === 0 ? (
        <EmptyState>{t("incidents.precaution.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("incidents.precaution.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incidents.field.caseReference")}</th>
                <th scope="col">{t("incidents.field.unit")}</th>
                <th scope="col">{t("incidents.precaution.what")}</th>
                <th scope="col">{t("incidents.precaution.reviewOn")}</th>
                {list.mayKeep && <th scope="col">{t("incidents.precaution.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.caseReference}</th>
                  <td>{r.unitName}</td>
                  <td>
                    {[
                      r.visitsInPairs ? t("incidents.precaution.visitsInPairs") : null,
                      r.policeAdvised ? t("incidents.precaution.policeAdvised") : null,
                    ]
                      .filter(Boolean)
                      .join("; ")}
                    {r.reason && <div className="muted">{r.reason}</div>}
                  </td>
                  <td>
                    {formatDate(r.reviewOn)}
                    {r.lapsed && (
                      <>
                        {" "}
                        <span className="badge badge-overdue">
                          {t("incidents.precaution.lapsed")}
                        </span>
                      </>
                    )}
                  </td>
                  {list.mayKeep && (
                    <td>
                      {r.mayEdit && (
                        <ul className="actions">
                          <li>
                            <Link to={`/incidents/precautions?edit=${r.id}`}>
                              {t("incidents.precaution.renew")}
                              <span className="visually-hidden"> {r.caseReference}</span>
                            </Link>
                          </li>
                          {!r.lapsed && (
                            <li>
                              <Link to={`/incidents/precautions/${r.id}/police`}>
                                {t("incidents.police.link")}
                                <span className="visually-hidden"> {r.caseReference}</span>
                              </Link>
                            </li>
                          )}
                          <li>
                            <Form method="post">
                              <input type="hidden" name="intent" value="delete" />
                              <input type="hidden" name="id" value={r.id} />
                              <button type="submit" className="link-button">
                                {t("incidents.precaution.delete")}
                                <span className="visually-hidden"> {r.caseReference}</span>
                              </button>
                            </Form>
                          </li>
                        </ul>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.mayKeep && (
        <p className="hint">{t("incidents.police.hint", { date: formatDate(earliestVisit) })}</p>
      )}
    </Page>
  );
}
