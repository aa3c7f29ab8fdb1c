// /programme/:id/enrolments — an activity's enrolments for coordinators (everyone) and managers
// (their units' people): the list in arrival order with the waitlist positions, search,
// filters, sorting, paging and exports; approving, rejecting and cancelling; signing an
// employee up.
import { Form, useActionData, useLoaderData, useLocation } from "react-router";
import { decideEnrolment } from "../../../modules/programme/approve-enrolment.ts";
import { cancelEnrolment } from "../../../modules/programme/cancel-enrolment.ts";
import { enrol } from "../../../modules/programme/enrol.ts";
import {
  listEnrolments,
  nominationCandidates,
} from "../../../modules/programme/list-enrolments.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDateTime, isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import {
  CheckboxField,
  ErrorSummary,
  type FormState,
  SelectField,
} from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/enrolments";
import "../../components/programme/enrol.css";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const query = pageParams(new URL(request.url));
  const list = await load(() => listEnrolments(actor, params.id, query));
  const nominating = list.canNominate && list.activity.status === "published";
  const candidates = nominating
    ? await load(() => nominationCandidates(actor, params.id, query.nq ?? ""))
    : null;
  return { list, candidates, nq: query.nq ?? "", ownEmployeeId: actor.employeeId };
}

type Result = FormState & {
  ok?: boolean;
  message?: string;
  values?: Record<string, string>;
  count?: number;
  name?: string;
  status?: string;
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const form = await request.formData();
  return act(form, async (v): Promise<Result> => {
    const intent = v.intent;
    if (intent === "approve" || intent === "reject") {
      const r = await decideEnrolment(actor, v.enrolmentId ?? "", intent);
      return {
        ok: true,
        message:
          r.status === "confirmed"
            ? "programme.enrolments.approved"
            : "programme.enrolments.rejected",
        count: r.promoted,
      };
    }
    if (intent === "cancel") {
      const r = await cancelEnrolment(actor, v.enrolmentId ?? "");
      return { ok: true, message: "programme.enrolments.cancelled", count: r.promoted };
    }
    if (intent === "nominate") {
      if (!v.employeeId) throw new AppError("validation", { employeeId: "errors.required" });
      const r = await enrol(actor, params.id, {
        employeeId: v.employeeId,
        outsideTarget: v.outsideTarget,
      });
      return {
        ok: true,
        message: "programme.enrolments.nominated",
        name: r.name,
        status: r.status,
      };
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function Enrolments() {
  const t = useT();
  const { list, candidates, nq, ownEmployeeId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const a = list.activity;
  const sortProps = { sort: list.sort, dir: list.dir };
  const filtered = Boolean(list.q || list.status !== "live");
  const intent = result?.values?.intent;
  const rowError = intent && intent !== "nominate" ? result : undefined;
  return (
    <Page
      title={`${t("programme.enrolments.title")}: ${a.title}`}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("catalogue.title") },
        { to: `/programme/${a.id}`, label: a.title },
      ]}
    >
      <p>
        {t("programme.enrolments.summary", {
          taken: a.seatsTaken,
          capacity: a.capacity,
          pending: list.counts.pending,
          waiting: list.counts.waitlisted,
        })}
      </p>
      {result?.ok && result.message && isMessageKey(result.message) && (
        <Notice kind="success">
          {t(result.message, {
            name: result.name ?? "",
            status: result.status
              ? t(`programme.enrolment.status.${result.status}` as MessageKey)
              : "",
          })}
          {result.count ? ` ${t("programme.enrolments.promoted", { count: result.count })}` : ""}
        </Notice>
      )}
      {rowError && <ErrorSummary state={rowError} labels={{}} />}
      <SearchForm
        q={list.q}
        label={t("programme.enrolments.searchLabel")}
        clearTo={filtered && `/programme/${a.id}/enrolments`}
      >
        <SelectField
          name="status"
          label={t("programme.enrolments.filterStatus")}
          defaultValue={list.status}
          options={[
            { value: "live", label: t("programme.enrolments.filterLive") },
            ...(["confirmed", "pending", "waitlisted", "cancelled", "rejected"] as const).map(
              (s) => ({ value: s, label: t(`programme.enrolment.status.${s}`) }),
            ),
            { value: "all", label: t("programme.enrolments.filterAll") },
          ]}
        />
      </SearchForm>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>
          {t(filtered ? "programme.enrolments.noResults" : "programme.enrolments.empty")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("programme.enrolments.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("programme.enrolments.name")} {...sortProps} />
                <SortHeader column="unit" label={t("programme.enrolments.unit")} {...sortProps} />
                <SortHeader
                  column="status"
                  label={t("programme.enrolments.status")}
                  {...sortProps}
                />
                <SortHeader
                  column="arrival"
                  label={t("programme.enrolments.created")}
                  {...sortProps}
                />
                <th scope="col">{t("programme.enrolments.source")}</th>
                <th scope="col">{t("programme.enrolments.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => {
                const name = `${r.lastName} ${r.firstName}`;
                const live = ["pending", "confirmed", "waitlisted"].includes(r.status);
                const canDecide =
                  r.status === "pending" && list.canApprove && r.employeeId !== ownEmployeeId;
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      {name}
                      <br />
                      <span className="muted">{r.employeeNumber}</span>
                    </th>
                    <td>{r.unitName ?? t("common.none")}</td>
                    <td>
                      {t(`programme.enrolment.status.${r.status}` as MessageKey)}
                      {r.waitlistPosition !== null && (
                        <>
                          <br />
                          {t("programme.enrolment.waitlistPosition", {
                            position: r.waitlistPosition,
                          })}
                        </>
                      )}
                      {r.cancelReason && (
                        <>
                          <br />
                          <span className="muted">
                            {t(`programme.enrolment.reason.${r.cancelReason}` as MessageKey)}
                          </span>
                        </>
                      )}
                    </td>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>
                      {t(
                        r.nominated
                          ? "programme.enrolments.sourceNominated"
                          : "programme.enrolments.sourceSelf",
                      )}
                    </td>
                    <td>
                      <div className="enrolment-actions">
                        {canDecide && (
                          <>
                            <RowButton
                              id={r.id}
                              intent="approve"
                              label={t("programme.enrolments.approve")}
                              aria={t("programme.enrolments.approveLabel", { name })}
                              primary
                            />
                            <RowButton
                              id={r.id}
                              intent="reject"
                              label={t("programme.enrolments.reject")}
                              aria={t("programme.enrolments.rejectLabel", { name })}
                            />
                          </>
                        )}
                        {live && (
                          <RowButton
                            id={r.id}
                            intent="cancel"
                            label={t("programme.enrolments.cancel")}
                            aria={t("programme.enrolments.cancelLabel", { name })}
                          />
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
      {list.total > 0 && <ExportLinks activityId={a.id} />}
      {candidates && (
        <Nominate
          activityId={a.id}
          candidates={candidates}
          nq={nq}
          state={intent === "nominate" && !result?.ok ? result : undefined}
        />
      )}
    </Page>
  );
}

function RowButton(p: {
  id: string;
  intent: "approve" | "reject" | "cancel";
  label: string;
  aria: string;
  primary?: boolean;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="enrolmentId" value={p.id} />
      <button
        type="submit"
        name="intent"
        value={p.intent}
        aria-label={p.aria}
        className={p.primary ? "primary" : undefined}
      >
        {p.label}
      </button>
    </Form>
  );
}

/** The list as it is filtered and sorted now, as a file (all pages). */
function ExportLinks({ activityId }: { activityId: string }) {
  const t = useT();
  const { search } = useLocation();
  const href = (format: "csv" | "xlsx") => {
    const p = new URLSearchParams(search);
    p.delete("page");
    p.delete("nq");
    p.set("format", format);
    return `/programme/${activityId}/enrolments/export?${p.toString()}`;
  };
  return (
    <p>
      {t("export.title")}: <a href={href("csv")}>{t("export.csv")}</a> ·{" "}
      <a href={href("xlsx")}>{t("export.xlsx")}</a>
    </p>
  );
}

function Nominate({
  activityId,
  candidates,
  nq,
  state,
}: {
  activityId: string;
  candidates: {
    rows: {
      id: string;
      firstName: string;
      lastName: string;
      employeeNumber: string;
      unitName: string | null;
      inTarget: boolean;
    }[];
    more: boolean;
    limit: number;
    coordinator: boolean;
  };
  nq: string;
  state: FormState;
}) {
  const t = useT();
  const { search } = useLocation();
  const keep = [...new URLSearchParams(search).entries()].filter(([k]) => k !== "nq");
  const error = state?.fieldErrors?.employeeId;
  return (
    <section aria-labelledby="h-nominate" className="card">
      <h2 id="h-nominate">{t("programme.enrolments.nominateTitle")}</h2>
      <p>
        {t(
          candidates.coordinator
            ? "programme.enrolments.nominateIntroCoordinator"
            : "programme.enrolments.nominateIntroManager",
        )}
      </p>
      <Form
        method="get"
        className="filters"
        role="search"
        action={`/programme/${activityId}/enrolments#h-nominate`}
      >
        {keep.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div className="field">
          <label htmlFor="f-nq">{t("programme.enrolments.nominateSearch")}</label>
          <input id="f-nq" name="nq" type="search" defaultValue={nq} />
        </div>
        <button type="submit">{t("programme.enrolments.nominateFind")}</button>
      </Form>
      <ErrorSummary
        state={state}
        labels={{
          employeeId: t("programme.enrolments.employee"),
          outsideTarget: t("programme.enrolments.nominateOutside"),
        }}
      />
      {candidates.rows.length === 0 ? (
        <p>{t("programme.enrolments.nominateNone")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="nominate" />
          <fieldset
            id="f-employeeId"
            tabIndex={-1}
            aria-describedby={error ? "f-employeeId-error" : undefined}
          >
            <legend>{t("programme.enrolments.nominateChoose")}</legend>
            {error && (
              <p className="error" id="f-employeeId-error">
                {isMessageKey(error) ? t(error) : error}
              </p>
            )}
            <ul className="nominate-list">
              {candidates.rows.map((c) => (
                <li key={c.id} className="field-check">
                  <input
                    type="radio"
                    id={`nominee-${c.id}`}
                    name="employeeId"
                    value={c.id}
                    defaultChecked={state?.values?.employeeId === c.id}
                  />
                  <label htmlFor={`nominee-${c.id}`}>
                    {c.lastName} {c.firstName} ({c.employeeNumber})
                    {c.unitName ? ` — ${c.unitName}` : ""}
                    {!c.inTarget && (
                      <span className="muted"> — {t("programme.enrolments.nominateOutside")}</span>
                    )}
                  </label>
                </li>
              ))}
            </ul>
            {candidates.more && (
              <p className="hint">
                {t("programme.enrolments.nominateMore", { count: candidates.limit })}
              </p>
            )}
          </fieldset>
          {candidates.coordinator && (
            <CheckboxField
              name="outsideTarget"
              label={t("programme.enrolments.outsideTarget")}
              state={state}
            />
          )}
          <button type="submit" className="primary">
            {t("programme.enrolments.nominateSubmit")}
          </button>
        </Form>
      )}
    </section>
  );
}
