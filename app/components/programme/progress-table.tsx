// Participants of an activity with the hours they attended, the share of the planned hours
// and whether that completes the activity: the attendance page's and the certificates page's
// list (the latter adds a column of its own).
import { formatHours, hoursCenti } from "../../../modules/programme/hours.ts";
import type { HourUnit } from "../../../modules/programme/schema.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { SelectField } from "../form.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../table.tsx";

export type ProgressRow = {
  employeeId: string;
  firstName: string;
  lastName: string;
  unitName: string | null;
  attendedMinutes: number;
  percent: number;
  completed: boolean;
};

export type ProgressList<R extends ProgressRow> = {
  rows: R[];
  total: number;
  q: string;
  show: string;
  sort: "name" | "percent";
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
};

export function ProgressFilters({
  list,
  clearTo,
  withIssued,
}: {
  list: ProgressList<ProgressRow>;
  clearTo: string;
  withIssued?: boolean;
}) {
  const { t } = useI18n();
  return (
    <SearchForm
      q={list.q}
      label={t("attend.searchLabel")}
      clearTo={(list.q || list.show !== "all") && clearTo}
    >
      <SelectField
        name="show"
        label={t("attend.filterShow")}
        defaultValue={list.show}
        options={[
          { value: "all", label: t("attend.filterAll") },
          { value: "completed", label: t("attend.filterCompleted") },
          { value: "notCompleted", label: t("attend.filterNotCompleted") },
          ...(withIssued ? [{ value: "issued", label: t("attend.filterIssued") }] : []),
        ]}
      />
    </SearchForm>
  );
}

export function ProgressTable<R extends ProgressRow>({
  list,
  hourUnit,
  caption,
  extraHeader,
  extraCell,
}: {
  list: ProgressList<R>;
  hourUnit: HourUnit;
  caption: string;
  extraHeader?: string;
  extraCell?: (row: R) => React.ReactNode;
}) {
  const { t, locale } = useI18n();
  const sortProps = { sort: list.sort, dir: list.dir };
  if (list.rows.length === 0 && list.total > 0) {
    return <PastLastPage pageSize={list.pageSize} total={list.total} />;
  }
  return (
    <>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("attend.col.name")} {...sortProps} />
                <th scope="col">{t("attend.col.unit")}</th>
                <th scope="col" className="num">
                  {t(
                    hourUnit === "academic" ? "attend.col.hoursAcademic" : "attend.col.hoursClock",
                  )}
                </th>
                <SortHeader column="percent" label={t("attend.col.percent")} {...sortProps} />
                <th scope="col">{t("attend.col.completed")}</th>
                {extraHeader && <th scope="col">{extraHeader}</th>}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.employeeId}>
                  <th scope="row">
                    {r.lastName} {r.firstName}
                  </th>
                  <td>{r.unitName ?? t("common.none")}</td>
                  <td className="num">
                    {formatHours(hoursCenti(r.attendedMinutes, hourUnit), locale)}
                  </td>
                  <td className="num">{r.percent} %</td>
                  <td>{t(r.completed ? "attend.completedYes" : "attend.completedNo")}</td>
                  {extraCell && <td>{extraCell(r)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
    </>
  );
}
