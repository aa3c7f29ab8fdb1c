import { useEffect, useRef } from "react";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { listStaffGroups } from "../../../modules/org/catalogue.ts";
import { listUnits } from "../../../modules/org/units.ts";
import { paperCodeSummary } from "../../../modules/survey/cycle-overview.ts";
import { createPaperCodes, MAX_PAPER_CODES } from "../../../modules/survey/paper-codes.ts";
import { config } from "../../../platform/config.ts";
import { formatDateTime } from "../../../platform/i18n.ts";
import { ErrorSummary, Field, type FormState, SelectField } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/paper-codes";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const [summary, units, groups] = await Promise.all([
    load(() => paperCodeSummary(actor, params.id)),
    listUnits(actor),
    listStaffGroups(actor),
  ]);
  return {
    cycle: {
      id: summary.cycle.id,
      name: summary.cycle.name,
      kind: summary.cycle.kind,
      status: summary.cycle.status,
      closesAt: summary.cycle.closesAt,
    },
    rows: summary.rows,
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    address: `${config().baseUrl}/survey`,
    max: MAX_PAPER_CODES,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "survey.manage");
  return act(await request.formData(), async (v) => {
    // Answered in place, not by a redirect: the codes are in this one response and nowhere else.
    const { codes } = await createPaperCodes(actor, params.id, v);
    return { ok: true, codes, unitId: v.unitId, staffGroupId: v.staffGroupId };
  });
}

type Result = FormState & { codes?: string[]; unitId?: string; staffGroupId?: string };

export default function PaperCodes() {
  const { t } = useI18n();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as Result;
  const c = d.cycle;
  const labels = {
    unitId: t("surveyPaperCodes.unit"),
    staffGroupId: t("surveyPaperCodes.group"),
    count: t("surveyPaperCodes.count"),
  };
  const crumbs = [
    { to: "/", label: t("nav.dashboard") },
    { to: "/surveys", label: t("surveys.title") },
    { to: `/surveys/${c.id}`, label: c.name },
  ];
  if (state?.codes) {
    const unit = d.units.find((u) => u.id === state.unitId)?.name ?? "";
    const group = d.groups.find((g) => g.id === state.staffGroupId)?.name ?? "";
    return (
      <Page title={t("surveyPaperCodes.printTitle")} crumbs={crumbs}>
        <Slips
          codes={state.codes}
          survey={c.name}
          unit={unit}
          group={group}
          address={d.address}
          closes={formatDateTime(c.closesAt)}
        />
      </Page>
    );
  }
  return (
    <Page title={t("surveyPaperCodes.title")} crumbs={crumbs}>
      <p className="prose">{t("surveyPaperCodes.intro")}</p>
      {c.kind !== "staff" ? (
        <Notice>{t("surveyPaperCodes.staffOnly")}</Notice>
      ) : c.status === "closed" ? (
        <Notice>{t("surveyPaperCodes.closed")}</Notice>
      ) : (
        <section aria-labelledby="h-new" className="card">
          <h2 id="h-new">{t("surveyPaperCodes.new")}</h2>
          <p className="prose">{t("surveyPaperCodes.onceWarning")}</p>
          <ErrorSummary state={state} labels={labels} />
          <Form method="post" noValidate className="narrow">
            <SelectField
              name="unitId"
              label={labels.unitId}
              required
              state={state}
              placeholder={t("surveyPaperCodes.choose")}
              options={d.units.map((u) => ({
                value: u.id,
                label: `${"— ".repeat(u.depth)}${u.name}`,
              }))}
            />
            <SelectField
              name="staffGroupId"
              label={labels.staffGroupId}
              required
              state={state}
              placeholder={t("surveyPaperCodes.choose")}
              options={d.groups.map((g) => ({ value: g.id, label: g.name }))}
            />
            <Field
              name="count"
              type="number"
              inputMode="numeric"
              label={labels.count}
              hint={t("surveyPaperCodes.countHint", { max: d.max })}
              required
              state={state}
              defaultValue="10"
            />
            <button type="submit" className="primary">
              {t("surveyPaperCodes.generate")}
            </button>
          </Form>
        </section>
      )}

      <section aria-labelledby="h-issued">
        <h2 id="h-issued">{t("surveyPaperCodes.issued")}</h2>
        {d.rows.length === 0 ? (
          <EmptyState>{t("surveyPaperCodes.none")}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("surveyPaperCodes.issued")}</caption>
              <thead>
                <tr>
                  <th scope="col">{labels.unitId}</th>
                  <th scope="col">{labels.staffGroupId}</th>
                  <th scope="col" className="num">
                    {t("surveyPaperCodes.printed")}
                  </th>
                  <th scope="col" className="num">
                    {t("surveyPaperCodes.used")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={`${r.unit}/${r.group}`}>
                    <th scope="row">{r.unit || t("common.none")}</th>
                    <td>{r.group || t("common.none")}</td>
                    <td className="num">{r.issued}</td>
                    <td className="num">{r.used}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p>
        <Link to={`/surveys/${c.id}`}>{t("surveyPaperCodes.back")}</Link>
      </p>
    </Page>
  );
}

/** The print-ready sheet: one slip per code, several to an A4 page, to be cut apart. */
function Slips({
  codes,
  survey,
  unit,
  group,
  address,
  closes,
}: {
  codes: string[];
  survey: string;
  unit: string;
  group: string;
  address: string;
  closes: string;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <div className="no-print">
        <div className="notice" role="alert" tabIndex={-1} ref={heading}>
          <p>
            <strong>{t("surveyPaperCodes.generated", { count: codes.length, unit, group })}</strong>
          </p>
          <p>{t("surveyPaperCodes.printNow")}</p>
        </div>
        <div className="bulk-actions">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t("surveyPaperCodes.print")}
          </button>
          <Link to="." className="button">
            {t("surveyPaperCodes.done")}
          </Link>
        </div>
      </div>
      <ul className="slips" aria-label={t("surveyPaperCodes.slips")}>
        {codes.map((code) => (
          <li className="slip" key={code}>
            <p className="slip-title">{survey}</p>
            <p className="slip-meta">
              {unit} · {group}
            </p>
            <p>{t("surveyPaperCodes.slipHow", { address })}</p>
            <p className="slip-code">{code}</p>
            <p className="slip-note">{t("surveyPaperCodes.slipAnonymity", { closes })}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
