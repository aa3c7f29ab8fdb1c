import { Fragment, useEffect, useRef } from "react";
import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useRevalidator,
  useSearchParams,
} from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { applyStaffImport } from "../../../modules/org/staff-import/apply-staff-import.ts";
import { columnLetter, FIELD_LABELS } from "../../../modules/org/staff-import/columns.ts";
import { inviteImported } from "../../../modules/org/staff-import/invite-imported.ts";
import { resolveImportNames } from "../../../modules/org/staff-import/resolve-import-names.ts";
import { setImportMapping } from "../../../modules/org/staff-import/set-import-mapping.ts";
import { viewStaffImport } from "../../../modules/org/staff-import/view-staff-import.ts";
import { AppError } from "../../../platform/errors.ts";
import { isMessageKey, type MessageKey, type T } from "../../../platform/i18n.ts";
import {
  CheckboxField,
  ErrorSummary,
  type FormState,
  SelectField,
} from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { Pagination } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/import-step";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "employees.manage");
  const view = await load(() =>
    viewStaffImport(actor, params.id, pageParams(new URL(request.url))),
  );
  return { view, canInvite: can(actor, "accounts.invite") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const here = `/org/employees/import/${params.id}`;
  return act(form, async (v) => {
    if (intent === "invite") {
      const actor = requirePage(context, request, "accounts.invite");
      return { ok: true, invited: await inviteImported(actor, params.id) };
    }
    const actor = requirePage(context, request, "employees.manage");
    if (intent === "mapping") await setImportMapping(actor, params.id, v);
    else if (intent === "names") await resolveImportNames(actor, params.id, v);
    else if (intent === "apply") await applyStaffImport(actor, params.id, v);
    else throw new AppError("validation", { _form: "errors.invalid" });
    return redirect(here);
  });
}

type View = Awaited<ReturnType<typeof loader>>["view"];
type ActionData = FormState & { invited?: { invited: number; skipped: number } };

const message = (t: T, key: string | null | undefined) =>
  key ? (isMessageKey(key) ? t(key) : key) : "";

function formatLabel(t: T, format: string): string {
  if (format === "xlsx") return t("import.format.xlsx");
  const m = /^csv:(.+?)(;|,|tab)$/.exec(format);
  if (!m) return format;
  const delimiter = { ";": "semicolon", ",": "comma", tab: "tab" }[m[2]] as
    | "semicolon"
    | "comma"
    | "tab";
  return t("import.format.csv", {
    encoding: m[1].toUpperCase(),
    delimiter: t(`import.delimiter.${delimiter}`),
  });
}

const STEPS = ["mapping", "preview", "result"] as const;

/** The heading of the section shown under the steps (mapping, preview or result). */
const SECTION_TITLE = "import-section-title";

function Steps({ current }: { current: (typeof STEPS)[number] }) {
  const t = useT();
  return (
    <ol className="stats" aria-label={t("import.steps")}>
      {STEPS.map((s, i) => (
        <li key={s} aria-current={s === current ? "step" : undefined}>
          {s === current ? (
            <strong>{t("import.stepOf", { n: i + 1, name: t(`import.step.${s}`) })}</strong>
          ) : (
            <span className="muted">{`${i + 1}. ${t(`import.step.${s}`)}`}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

export default function ImportStep() {
  const t = useT();
  const { view, canInvite } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const busy = view.status === "previewing" || view.status === "applying";
  const wantsMapping =
    view.status === "uploaded" ||
    (view.status === "previewed" && params.get("step") === "mapping") ||
    (view.status === "failed" && view.rowCount > 0);
  const step = wantsMapping
    ? "mapping"
    : view.status === "applied" || view.status === "applying"
      ? "result"
      : "preview";
  // When the background work is done, the polled page swaps the progress bar for the preview or
  // the result without a sound: focus on the new section's heading makes screen readers say it.
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (wasBusy.current && !busy) document.getElementById(SECTION_TITLE)?.focus();
    wasBusy.current = busy;
  }, [busy]);
  return (
    <Page
      title={t("import.pageTitle", { file: view.fileName })}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/org/employees", label: t("nav.employees") },
        { to: "/org/employees/import", label: t("import.title") },
      ]}
    >
      <Steps current={step} />
      <p className="muted">
        {t("import.fileInfo", { rows: view.rowCount, format: formatLabel(t, view.format) })}
      </p>
      {view.status === "failed" && (
        <div className="error-summary" role="alert">
          <p>{t("import.failedTitle")}</p>
          <p>{message(t, view.error)}</p>
        </div>
      )}
      {busy ? (
        <Working view={view} />
      ) : wantsMapping ? (
        <Mapping view={view} state={state} />
      ) : view.preview ? (
        <Preview view={view} state={state} />
      ) : view.result ? (
        <Result view={view} state={state} canInvite={canInvite} />
      ) : (
        <p>
          <Link to="/org/employees/import">{t("import.startAgain")}</Link>
        </p>
      )}
    </Page>
  );
}

function Mapping({ view, state }: { view: View; state: ActionData | undefined }) {
  const t = useT();
  const labels = Object.fromEntries(
    view.fields.map((f) => [f, t(FIELD_LABELS[f] ?? "import.row")]),
  );
  const options = view.headers.map((h, i) => ({
    value: String(i),
    label: t("import.column", { letter: columnLetter(i), header: h || t("import.unnamedColumn") }),
  }));
  // Columns and sample rows have no identity but their position: letters and line numbers.
  const columns = view.headers.map((h, i) => ({
    letter: columnLetter(i),
    title: `${columnLetter(i)}: ${h || t("import.unnamedColumn")}`,
  }));
  const samples = view.samples.map((row, r) => ({
    key: `row-${r + 1}`,
    cells: columns.map((c, i) => ({ letter: c.letter, text: row[i] ?? "" })),
  }));
  return (
    <>
      <h2 id={SECTION_TITLE} tabIndex={-1}>
        {t("import.mappingTitle")}
      </h2>
      <p className="prose">{t("import.mappingIntro")}</p>
      <Form method="post" className="narrow">
        <input type="hidden" name="intent" value="mapping" />
        <ErrorSummary state={state} labels={labels} />
        {view.fields.map((f) => {
          const mandatory = (view.mandatory as readonly string[]).includes(f);
          return (
            <SelectField
              key={f}
              name={f}
              label={labels[f]}
              state={state}
              required={mandatory}
              defaultValue={view.mapping[f] ?? ""}
              placeholder={mandatory ? t("import.choose") : t("import.notImported")}
              options={options}
            />
          );
        })}
        <button type="submit" className="primary">
          {t("import.showPreview")}
        </button>
      </Form>
      {samples.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>{t("import.samples")}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col" key={c.letter}>
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {samples.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((c) => (
                    <td key={c.letter}>{c.text}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The progress bar while a preview or an apply runs; it polls until the work is done. */
function Working({ view }: { view: View }) {
  const t = useT();
  const { pathname, search } = useLocation();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [revalidator]);
  // Announced in steps of ten, so a screen reader is not interrupted every second.
  const spoken = Math.floor(view.progress / 10) * 10;
  return (
    <>
      <h2 id="work-title">
        {t(view.status === "applying" ? "import.workingApply" : "import.workingPreview")}
      </h2>
      <div className="field">
        <label htmlFor="import-progress">{t("import.progress")}</label>
        <progress id="import-progress" max={100} value={view.progress}>
          {t("import.progressValue", { percent: view.progress })}
        </progress>
        <p role="status" aria-live="polite">
          {t("import.progressValue", { percent: spoken })}
        </p>
      </div>
      <p className="hint">{t("import.workingHint")}</p>
      <p>
        <Link to={`${pathname}${search}`} reloadDocument>
          {t("import.refresh")}
        </Link>
      </p>
    </>
  );
}

const KINDS = ["all", "create", "update", "unchanged", "deactivate", "error"] as const;

function Preview({ view, state }: { view: View; state: ActionData | undefined }) {
  const t = useT();
  const p = view.preview!;
  const count = (k: (typeof KINDS)[number]) =>
    k === "all"
      ? p.counts.create + p.counts.update + p.counts.unchanged + p.counts.error
      : p.counts[k];
  const fieldNames = (fields: string[] | undefined) =>
    (fields ?? []).map((f) => t(FIELD_LABELS[f] ?? "import.row")).join(", ");
  const applyState = state?.values?.intent === "apply" ? state : undefined;
  const namesState = state?.values?.intent === "names" ? state : undefined;
  return (
    <>
      <h2 id={SECTION_TITLE} tabIndex={-1}>
        {t("import.previewTitle")}
      </h2>
      {/* After the heading, so it is read next when the heading takes the focus. */}
      {view.error && <Notice>{message(t, view.error)}</Notice>}
      <p className="prose">{t("import.previewIntro")}</p>
      <nav aria-label={t("import.show")}>
        <ul className="stats">
          {KINDS.map((k) => (
            <li key={k}>
              <Link
                to={k === "all" ? "?" : `?kind=${k}`}
                aria-current={p.kind === k ? "true" : undefined}
              >
                {p.kind === k ? (
                  <strong>{`${t(`import.kind.${k}`)}: ${count(k)}`}</strong>
                ) : (
                  `${t(`import.kind.${k}`)}: ${count(k)}`
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {p.kind === "deactivate" ? (
        p.deactivate.length === 0 ? (
          <p>{t("import.noRows")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption>{t("import.deactivateCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("employee.number")}</th>
                  <th scope="col">{t("employee.name")}</th>
                </tr>
              </thead>
              <tbody>
                {p.deactivate.map((d) => (
                  <tr key={d.employeeNumber}>
                    <td>{d.employeeNumber}</td>
                    <th scope="row">{d.name}</th>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : p.rows.length === 0 ? (
        <p>{t("import.noRows")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("import.rowsCaption", { kind: t(`import.kind.${p.kind}`) })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("import.row")}
                </th>
                <th scope="col">{t("employee.number")}</th>
                <th scope="col">{t("employee.name")}</th>
                <th scope="col">{t("import.outcome")}</th>
                <th scope="col">{t("import.details")}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.line}>
                  <td className="num">{r.line}</td>
                  <td>{r.employeeNumber}</td>
                  <th scope="row">{r.name || t("common.none")}</th>
                  <td>
                    {r.kind === "error" ? (
                      <strong>{t("import.rowKind.error")}</strong>
                    ) : (
                      t(`import.rowKind.${r.kind}`)
                    )}
                  </td>
                  <td>
                    {r.kind === "update" &&
                      t("import.changedFields", { fields: fieldNames(r.fields) })}
                    {r.errors && (
                      <ul>
                        {r.errors.map((e) => (
                          <li key={e.field}>
                            {t(FIELD_LABELS[e.field] ?? "import.row")}: {message(t, e.message)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} />

      {(p.units.length > 0 || p.positions.length > 0) && <Names view={view} state={namesState} />}

      <h2>{t("import.applyTitle")}</h2>
      <ErrorSummary state={applyState} labels={{}} />
      {p.counts.error > 0 ? (
        <div className="notice" role="status">
          <p>{t("errors.importHasErrors")}</p>
          <p>
            <Link to="?kind=error">{`${t("import.kind.error")}: ${p.counts.error}`}</Link>
            {" · "}
            <Link to="/org/employees/import">{t("import.uploadFixed")}</Link>
          </p>
        </div>
      ) : p.undecided ? (
        <Notice>{t("errors.unresolvedNames")}</Notice>
      ) : (
        <Form method="post" className="narrow">
          <input type="hidden" name="intent" value="apply" />
          {p.counts.deactivate === 0 && (
            // Nobody was listed, so nobody may be deactivated should the staff change meanwhile.
            <input type="hidden" name="deactivateMissing" value="false" />
          )}
          {p.counts.deactivate > 0 && (
            <CheckboxField
              name="deactivateMissing"
              label={t("import.deactivateMissing", { count: p.counts.deactivate })}
              hint={t("import.deactivateHint")}
              defaultChecked
            />
          )}
          {p.keptSelf && <p className="hint">{t("import.keptSelf")}</p>}
          <button type="submit" className="primary">
            {t("import.apply")}
          </button>
        </Form>
      )}
      <p>
        <Link to="?step=mapping">{t("import.changeMapping")}</Link>
      </p>
    </>
  );
}

function Names({ view, state }: { view: View; state: ActionData | undefined }) {
  const t = useT();
  const p = view.preview!;
  const names = view.names;
  const group = (kind: "unit" | "position") => {
    const list = kind === "unit" ? p.units : p.positions;
    return list.map((n, i) => {
      const id = `f-${kind}-${i}`;
      const ambiguous = n.candidates.length > 0;
      return (
        <div className="field" key={n.key}>
          <label htmlFor={id}>
            {t(kind === "unit" ? "import.unknownUnit" : "import.unknownPosition", {
              name: n.name,
              rows: n.rows,
            })}
          </label>
          {ambiguous && (
            <p className="hint" id={`${id}-hint`}>
              {t("import.ambiguous")}
            </p>
          )}
          <select
            id={id}
            name={`${kind}-${i}`}
            defaultValue={n.choice}
            aria-describedby={ambiguous ? `${id}-hint` : undefined}
          >
            {n.choice === "" && <option value="">{t("import.choose")}</option>}
            {kind === "unit" ? (
              <option value="create">{t("import.createUnit")}</option>
            ) : (
              names?.staffGroups.map((g) => (
                <option key={g.id} value={`create:${g.id}`}>
                  {t("import.createPosition", { group: g.name })}
                </option>
              ))
            )}
            <optgroup
              label={t(kind === "unit" ? "import.existingUnits" : "import.existingPositions")}
            >
              {(kind === "unit" ? names?.units : names?.positions)?.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
      );
    });
  };
  return (
    <>
      <h2>{t("import.namesTitle")}</h2>
      <p className="prose">{t("import.namesIntro")}</p>
      <Form method="post" className="narrow">
        <input type="hidden" name="intent" value="names" />
        <ErrorSummary state={state} labels={{}} />
        {group("unit")}
        {group("position")}
        <button type="submit">{t("import.saveChoices")}</button>
      </Form>
    </>
  );
}

function Result({
  view,
  state,
  canInvite,
}: {
  view: View;
  state: ActionData | undefined;
  canInvite: boolean;
}) {
  const t = useT();
  const r = view.result!;
  const invited = state?.invited ?? r.invited;
  const figures = [
    ["created", r.created],
    ["updated", r.updated],
    ["unchanged", r.unchanged],
    ["deactivated", r.deactivated],
    ["unitsCreated", r.unitsCreated],
    ["positionsCreated", r.positionsCreated],
  ] as const;
  return (
    <>
      <h2 id={SECTION_TITLE} tabIndex={-1}>
        {t("import.resultTitle")}
      </h2>
      <dl className="facts">
        {figures.map(([k, n]) => (
          <Fragment key={k}>
            <dt>{t(`import.result.${k}` as MessageKey)}</dt>
            <dd>{n}</dd>
          </Fragment>
        ))}
      </dl>
      {canInvite && r.toInvite > 0 && (
        <>
          <h2>{t("import.inviteTitle")}</h2>
          {invited ? (
            <Notice kind="success">
              {t("employee.invitedCount", { count: invited.invited })}
              {invited.skipped > 0 && ` ${t("employee.skippedCount", { count: invited.skipped })}`}
            </Notice>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="invite" />
              <ErrorSummary state={state} labels={{}} />
              <p className="prose">{t("import.inviteIntro")}</p>
              <button type="submit" className="primary">
                {t("import.invite", { count: r.toInvite })}
              </button>
            </Form>
          )}
        </>
      )}
      <ul>
        {invited && (
          <li>
            <Link to="/admin/mail">{t("import.mailLog")}</Link>
          </li>
        )}
        <li>
          <Link to="/org/employees">{t("import.toEmployees")}</Link>
        </li>
        <li>
          <Link to="/org/employees/import">{t("import.title")}</Link>
        </li>
      </ul>
    </>
  );
}
