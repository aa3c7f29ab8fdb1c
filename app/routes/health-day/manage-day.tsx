// /health-day/manage/:id — running one Health Day: its details, its stations (add, change,
// remove; a change that would drop a booking is refused with the slot and the number of
// people), publishing and calling it off, the counts per station and attendance per station.
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import {
  markHealthDayAttendance,
  stationAttendance,
} from "../../../modules/health/health-day-attendance.ts";
import { explainHealthDayError } from "../../../modules/health/health-day-messages.ts";
import { healthDayStats } from "../../../modules/health/health-day-stats.ts";
import {
  cancelHealthDay,
  healthDayForManager,
  publishHealthDay,
  removeStation,
  saveStation,
  updateHealthDay,
} from "../../../modules/health/health-days.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { minutesToTime } from "../../../platform/warsaw-time.ts";
import {
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
  TextAreaField,
} from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/manage-day";
import "../../components/programme/attendance.css";
import "./health-day.css";
import { HealthDayStatusBadge } from "./status-badge.tsx";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "healthday.manage");
  const url = new URL(request.url);
  const { day, stations } = await load(() => healthDayForManager(actor, params.id));
  const stats = await healthDayStats(actor, day.id);
  const wanted = url.searchParams.get("attendance");
  const attendanceId = stations.some((s) => s.id === wanted) ? wanted : stations[0]?.id;
  const attendance = attendanceId ? await stationAttendance(actor, day.id, attendanceId) : null;
  return {
    day,
    stations: stations.map((s) => {
      const c = stats.rows.find((r) => r.stationId === s.id);
      return {
        id: s.id,
        name: s.name,
        description: s.description,
        from: minutesToTime(s.startMinute),
        to: minutesToTime(s.endMinute),
        slotMinutes: s.slotMinutes,
        capacity: s.capacity,
        booked: c?.booked ?? 0,
        free: c?.free ?? 0,
      };
    }),
    stats,
    attendance: attendance && {
      stationId: attendance.station.id,
      stationName: attendance.station.name,
      open: attendance.open,
      rows: attendance.rows.map((r) => ({
        id: r.id,
        label: r.label,
        firstName: r.firstName,
        lastName: r.lastName,
        unitName: r.unitName,
        attended: r.attended,
      })),
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "healthday.manage");
  const t = tOf(context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const here = `/health-day/manage/${params.id}`;
  return act(form, async (v) => {
    try {
      if (intent === "save-day") {
        await updateHealthDay(actor, params.id, v);
        return redirect(`${here}?saved=1`);
      }
      if (intent === "station-save") {
        await saveStation(actor, params.id, v.stationId || null, {
          ...v,
          description: v.stationDescription,
        });
        return redirect(`${here}?stationSaved=1#h-stations`);
      }
      if (intent === "station-remove") {
        await removeStation(actor, params.id, v.stationId ?? "");
        return redirect(`${here}?stationRemoved=1#h-stations`);
      }
      if (intent === "publish") {
        await publishHealthDay(actor, params.id);
        return redirect(`${here}?published=1`);
      }
      if (intent === "cancel") {
        const n = await cancelHealthDay(actor, params.id);
        return redirect(`${here}?cancelled=${n}`);
      }
      if (intent === "attendance") {
        await markHealthDayAttendance(actor, params.id, v.stationId ?? "", v);
        return redirect(`${here}?attendance=${v.stationId}&marked=1#h-attendance`);
      }
    } catch (e) {
      if (e instanceof AppError) explainHealthDayError(t, e);
      throw e;
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

const NOTICES: [string, MessageKey][] = [
  ["created", "healthDay.createdNotice"],
  ["saved", "common.saved"],
  ["stationSaved", "healthDay.stationSaved"],
  ["stationRemoved", "healthDay.stationRemoved"],
  ["published", "healthDay.publishedNotice"],
  ["marked", "healthDay.attendanceSaved"],
];

type Data = Awaited<ReturnType<typeof loader>>;

function StationForm({
  dayId,
  station,
  state,
}: {
  dayId: string;
  station: Data["stations"][number] | undefined;
  state: FormState;
}) {
  const t = useT();
  const labels = {
    name: t("healthDay.stationName"),
    description: t("healthDay.stationDescription"),
    from: t("healthDay.from"),
    to: t("healthDay.to"),
    slotMinutes: t("healthDay.slotMinutes"),
    capacity: t("healthDay.capacity"),
  };
  // The description is sent as `stationDescription`, apart from the day's own description.
  const shown: FormState = state && {
    ...state,
    fieldErrors: Object.fromEntries(
      Object.entries(state.fieldErrors ?? {}).map(([k, v]) => [
        k === "description" ? "stationDescription" : k,
        v,
      ]),
    ),
  };
  return (
    <section aria-labelledby="h-station-form" id="station-form" className="card narrow">
      <h3 id="h-station-form">
        {station ? t("healthDay.editStation", { name: station.name }) : t("healthDay.newStation")}
      </h3>
      <p className="hint">{t("healthDay.stationHint")}</p>
      <ErrorSummary
        state={shown}
        labels={{ ...labels, stationDescription: labels.description }}
        idPrefix="s-"
      />
      <Form method="post" noValidate key={station?.id ?? "new"}>
        <input type="hidden" name="intent" value="station-save" />
        {station && <input type="hidden" name="stationId" value={station.id} />}
        <Field
          idPrefix="s-"
          name="name"
          label={labels.name}
          required
          maxLength={200}
          state={shown}
          defaultValue={station?.name}
        />
        <Field
          idPrefix="s-"
          name="stationDescription"
          label={labels.description}
          maxLength={1000}
          state={shown}
          defaultValue={station?.description}
        />
        <div className="hd-times">
          <Field
            idPrefix="s-"
            name="from"
            type="time"
            label={labels.from}
            required
            state={shown}
            defaultValue={station?.from ?? "09:00"}
          />
          <Field
            idPrefix="s-"
            name="to"
            type="time"
            label={labels.to}
            required
            state={shown}
            defaultValue={station?.to ?? "13:00"}
          />
        </div>
        <div className="hd-times">
          <Field
            idPrefix="s-"
            name="slotMinutes"
            inputMode="numeric"
            label={labels.slotMinutes}
            hint={t("healthDay.slotMinutesHint")}
            required
            state={shown}
            defaultValue={String(station?.slotMinutes ?? 15)}
          />
          <Field
            idPrefix="s-"
            name="capacity"
            inputMode="numeric"
            label={labels.capacity}
            hint={t("healthDay.capacityHint")}
            required
            state={shown}
            defaultValue={String(station?.capacity ?? 1)}
          />
        </div>
        <div className="hd-row-actions">
          <button type="submit" className="primary">
            {station ? t("healthDay.saveStation") : t("healthDay.addStation")}
          </button>
          {station && (
            <Link to={`/health-day/manage/${dayId}#h-stations`}>{t("common.cancel")}</Link>
          )}
        </div>
      </Form>
    </section>
  );
}

function AttendanceSection({ d, state }: { d: Data; state: FormState }) {
  const t = useT();
  const a = d.attendance;
  if (!a) return null;
  return (
    <section aria-labelledby="h-attendance">
      <h2 id="h-attendance">{t("healthDay.attendance")}</h2>
      <Form method="get" className="filters">
        <SelectField
          name="attendance"
          label={t("healthDay.station")}
          defaultValue={a.stationId}
          options={d.stations.map((s) => ({ value: s.id, label: s.name }))}
        />
        <button type="submit">{t("healthDay.showStation")}</button>
      </Form>
      <h3>{t("healthDay.attendanceOf", { station: a.stationName, count: a.rows.length })}</h3>
      {a.rows.length === 0 ? (
        <EmptyState>{t("healthDay.nobodyBooked")}</EmptyState>
      ) : a.open ? (
        <Form method="post" noValidate key={a.rows.map((r) => r.attended).join(",")}>
          <input type="hidden" name="intent" value="attendance" />
          <input type="hidden" name="stationId" value={a.stationId} />
          <ErrorSummary state={state} labels={{}} />
          <ol className="attendance-list">
            {a.rows.map((r) => {
              const chosen = r.attended === null ? "" : r.attended ? "yes" : "no";
              return (
                <li key={r.id}>
                  <fieldset className="attendance-person">
                    <legend>
                      {r.label} · {r.lastName} {r.firstName}
                      {r.unitName && <span className="unit">{r.unitName}</span>}
                    </legend>
                    <div className="attendance-choices">
                      {(["yes", "no"] as const).map((v) => (
                        <div className="attendance-choice" key={v}>
                          <input
                            type="radio"
                            id={`p-${r.id}-${v}`}
                            name={`present-${r.id}`}
                            value={v}
                            defaultChecked={chosen === v}
                          />
                          <label htmlFor={`p-${r.id}-${v}`}>
                            {t(v === "yes" ? "healthDay.present" : "healthDay.absent")}
                          </label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button type="submit" className="primary">
            {t("healthDay.saveAttendance")}
          </button>
        </Form>
      ) : (
        <>
          <p className="hint">{t("healthDay.attendanceFrom", { date: formatDate(d.day.date) })}</p>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">
                {t("healthDay.attendanceOf", { station: a.stationName, count: a.rows.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("healthDay.time")}</th>
                  <th scope="col">{t("healthDay.person")}</th>
                  <th scope="col">{t("healthDay.unit")}</th>
                </tr>
              </thead>
              <tbody>
                {a.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.label}</td>
                    <th scope="row">
                      {r.lastName} {r.firstName}
                    </th>
                    <td>{r.unitName ?? t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export default function ManageHealthDay() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const intent = state?.values?.intent;
  const day = d.day;
  const here = `/health-day/manage/${day.id}`;
  const cancelled = day.status === "cancelled";
  const editing = d.stations.find(
    (s) =>
      s.id ===
      ((intent === "station-save" ? state?.values?.stationId : undefined) || params.get("station")),
  );
  const notice = NOTICES.find(([p]) => params.get(p));
  const cancelledCount = params.get("cancelled");
  const dayLabels = {
    title: t("healthDay.titleField"),
    date: t("healthDay.date"),
    place: t("healthDay.place"),
    description: t("healthDay.description"),
  };
  const dayState = intent === "save-day" ? state : undefined;
  return (
    <Page
      title={day.title}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/health-day", label: t("healthDay.title") },
        { to: "/health-day/manage", label: t("healthDay.manageTitle") },
      ]}
    >
      {notice && <Notice kind="success">{t(notice[1])}</Notice>}
      {cancelledCount !== null && (
        <Notice kind="success">
          {t("healthDay.cancelledDayNotice", { count: Number(cancelledCount) || 0 })}
        </Notice>
      )}

      <section aria-labelledby="h-status" className="card">
        <h2 id="h-status">{t("healthDay.status")}</h2>
        <p>
          <HealthDayStatusBadge status={day.status} />{" "}
          {t(`healthDay.statusHint.${day.status}` as MessageKey)}
        </p>
        {(intent === "publish" || intent === "cancel") && (
          <ErrorSummary state={state} labels={{}} />
        )}
        <div className="hd-row-actions">
          {day.status === "draft" && (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="primary">
                {t("healthDay.publish")}
              </button>
            </Form>
          )}
          {!cancelled && params.get("confirm") !== "cancel" && (
            <Link className="button" to={`${here}?confirm=cancel#h-status`}>
              {t("healthDay.cancelDay")}
            </Link>
          )}
          <Link to={`/health-day/${day.id}`}>{t("healthDay.bookingPage")}</Link>
        </div>
        {!cancelled && params.get("confirm") === "cancel" && (
          <div className="hd-confirm">
            <p>{t("healthDay.cancelConfirm", { count: d.stats.total.booked })}</p>
            <div className="hd-row-actions">
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className="hd-danger">
                  {t("healthDay.cancelDayConfirm")}
                </button>
              </Form>
              <Link to={here}>{t("healthDay.keep")}</Link>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="h-counts">
        <h2 id="h-counts">{t("healthDay.counts")}</h2>
        {d.stats.rows.length === 0 ? (
          <p>{t("healthDay.noStations")}</p>
        ) : (
          <div className="table-scroll">
            <table className="hd-stats">
              <caption className="visually-hidden">{t("healthDay.counts")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("healthDay.station")}</th>
                  <th scope="col" className="num">
                    {t("healthDay.places")}
                  </th>
                  <th scope="col" className="num">
                    {t("healthDay.booked")}
                  </th>
                  <th scope="col" className="num">
                    {t("healthDay.attended")}
                  </th>
                  <th scope="col" className="num">
                    {t("healthDay.absentCount")}
                  </th>
                  <th scope="col" className="num">
                    {t("healthDay.free")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.stats.rows.map((r) => (
                  <tr key={r.stationId}>
                    <th scope="row">{r.name}</th>
                    <td className="num">{r.places}</td>
                    <td className="num">{r.booked}</td>
                    <td className="num">{r.attended}</td>
                    <td className="num">{r.absent}</td>
                    <td className="num">{r.free}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("healthDay.total")}</th>
                  <td className="num">{d.stats.total.places}</td>
                  <td className="num">{d.stats.total.booked}</td>
                  <td className="num">{d.stats.total.attended}</td>
                  <td className="num">{d.stats.total.absent}</td>
                  <td className="num">{d.stats.total.free}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <p>{t("healthDay.people", { count: d.stats.total.people })}</p>
      </section>

      <section aria-labelledby="h-stations">
        <h2 id="h-stations">{t("healthDay.stations")}</h2>
        {intent === "station-remove" && <ErrorSummary state={state} labels={{}} />}
        {d.stations.length === 0 ? (
          <p>{t("healthDay.noStations")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("healthDay.stations")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("healthDay.stationName")}</th>
                  <th scope="col">{t("healthDay.hours")}</th>
                  <th scope="col" className="num">
                    {t("healthDay.slotMinutesShort")}
                  </th>
                  <th scope="col" className="num">
                    {t("healthDay.capacity")}
                  </th>
                  <th scope="col" className="num">
                    {t("healthDay.booked")}
                  </th>
                  {!cancelled && <th scope="col">{t("common.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {d.stations.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>
                      {s.from}–{s.to}
                    </td>
                    <td className="num">{s.slotMinutes}</td>
                    <td className="num">{s.capacity}</td>
                    <td className="num">{s.booked}</td>
                    {!cancelled && (
                      <td>
                        <div className="hd-row-actions">
                          <Link
                            to={`${here}?station=${s.id}#station-form`}
                            aria-label={t("healthDay.editStationOf", { name: s.name })}
                          >
                            {t("common.edit")}
                          </Link>
                          {s.booked === 0 && (
                            <Form method="post">
                              <input type="hidden" name="intent" value="station-remove" />
                              <input type="hidden" name="stationId" value={s.id} />
                              <button
                                type="submit"
                                className="link-button"
                                aria-label={t("healthDay.removeStationOf", { name: s.name })}
                              >
                                {t("healthDay.removeStation")}
                              </button>
                            </Form>
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!cancelled && (
          <StationForm
            dayId={day.id}
            station={editing}
            state={intent === "station-save" ? state : undefined}
          />
        )}
      </section>

      <AttendanceSection d={d} state={intent === "attendance" ? state : undefined} />

      {!cancelled && (
        <section aria-labelledby="h-details" className="card narrow">
          <h2 id="h-details">{t("healthDay.details")}</h2>
          <ErrorSummary state={dayState} labels={dayLabels} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save-day" />
            <Field
              name="title"
              label={dayLabels.title}
              required
              maxLength={200}
              state={dayState}
              defaultValue={day.title}
            />
            <Field
              name="date"
              type="date"
              label={dayLabels.date}
              hint={t("healthDay.dateHint")}
              required
              state={dayState}
              defaultValue={day.date}
            />
            <Field
              name="place"
              label={dayLabels.place}
              maxLength={300}
              state={dayState}
              defaultValue={day.place}
            />
            <TextAreaField
              name="description"
              label={dayLabels.description}
              maxLength={4000}
              state={dayState}
              defaultValue={day.description}
            />
            <button type="submit">{t("common.save")}</button>
          </Form>
        </section>
      )}
    </Page>
  );
}
