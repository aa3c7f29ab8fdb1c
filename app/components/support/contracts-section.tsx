// The coordinator's view of a specialist's contracts: hours bought per period, hours used (sums,
// never people), what is left; a form to add or change one, and a button to remove one.
import { Form, Link, useSearchParams } from "react-router";
import { daysLabel } from "../../../modules/support/availability-text.ts";
import { hoursText } from "../../../modules/support/calendar-shared.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ErrorSummary, Field, type FormState } from "../form.tsx";
import { RowActions } from "./availability-sections.tsx";
import "./specialists.css";

export type ContractView = {
  id: string;
  periodStart: string;
  periodEnd: string;
  hours: number;
  usedMinutes: number;
};

export function ContractsSection({
  contracts,
  state,
  here,
}: {
  contracts: ContractView[];
  state: FormState;
  here: string;
}) {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const labels = {
    periodStart: t("supportSpec.periodStart"),
    periodEnd: t("supportSpec.periodEnd"),
    hours: t("supportSpec.hours"),
  };
  const editing = contracts.find(
    (c) => c.id === (state?.values?.contractId || params.get("contract")),
  );
  const h = (minutes: number) => t("supportSpec.hoursValue", { hours: hoursText(minutes, locale) });
  return (
    <section aria-labelledby="contracts">
      <h2 id="contracts" tabIndex={-1}>
        {t("supportSpec.contracts")}
      </h2>
      <p>{t("supportSpec.contractsIntro")}</p>
      {contracts.length === 0 ? (
        <p>{t("supportSpec.noContracts")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("supportSpec.contracts")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("supportSpec.col.period")}</th>
                <th scope="col" className="num">
                  {t("supportSpec.col.contractHours")}
                </th>
                <th scope="col" className="num">
                  {t("supportSpec.col.used")}
                </th>
                <th scope="col" className="num">
                  {t("supportSpec.col.left")}
                </th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {contracts.map((c) => {
                const period = daysLabel(t, c.periodStart, c.periodEnd);
                return (
                  <tr key={c.id}>
                    <th scope="row">{period}</th>
                    <td className="num">{h(c.hours * 60)}</td>
                    <td className="num">{h(c.usedMinutes)}</td>
                    <td className="num">{h(c.hours * 60 - c.usedMinutes)}</td>
                    <td>
                      <RowActions
                        edit={{
                          to: `${here}?contract=${c.id}#contract-form`,
                          label: t("supportSpec.editContractOf", { period }),
                        }}
                        remove={{
                          intent: "contract-remove",
                          field: "contractId",
                          id: c.id,
                          label: t("supportSpec.removeContractOf", { period }),
                        }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="contract-form" className="card">
        <h3 id="contract-form" tabIndex={-1}>
          {editing
            ? t("supportSpec.contractEdit", {
                period: daysLabel(t, editing.periodStart, editing.periodEnd),
              })
            : t("supportSpec.contractAdd")}
        </h3>
        <ErrorSummary state={state} labels={labels} />
        <Form method="post" noValidate key={editing?.id ?? "new"}>
          <input type="hidden" name="intent" value="contract-save" />
          {editing && <input type="hidden" name="contractId" value={editing.id} />}
          <div className="support-fields">
            <Field
              name="periodStart"
              type="date"
              label={labels.periodStart}
              required
              state={state}
              defaultValue={editing?.periodStart}
            />
            <Field
              name="periodEnd"
              type="date"
              label={labels.periodEnd}
              required
              state={state}
              defaultValue={editing?.periodEnd}
            />
            <Field
              name="hours"
              label={labels.hours}
              inputMode="numeric"
              required
              state={state}
              defaultValue={editing ? String(editing.hours) : undefined}
            />
          </div>
          <button type="submit" className="primary">
            {t(editing ? "supportSpec.contractSave" : "supportSpec.contractAdd")}
          </button>
        </Form>
        {editing && <Link to={`${here}#contract-form`}>{t("supportSpec.contractAddInstead")}</Link>}
      </section>
    </section>
  );
}
