// /programme/sessions/:id/attendance — marking one session's attendance (the coordinator or
// the activity's trainer), the printable sheet, and the signed sheet's scan.
import { useRef, useState } from "react";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import {
  markAllPresent,
  markAttendanceFromForm,
  sessionAttendance,
} from "../../../modules/programme/mark-attendance.ts";
import { MAX_SCAN_BYTES, uploadSessionScan } from "../../../modules/programme/session-scan.ts";
import { formatSessionWhen } from "../../../modules/programme/session-text.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDateTime, isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { AllPresentForm, AttendanceForm } from "../../components/programme/attendance-form.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/session-attendance";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.attendance");
  const a = await load(() => sessionAttendance(actor, params.id));
  return {
    session: a.session,
    activity: { id: a.activity.id, title: a.activity.title, status: a.activity.status },
    number: a.number,
    of: a.of,
    minutes: a.minutes,
    started: a.started,
    rows: a.rows,
    scan: a.scan,
    maxScanBytes: MAX_SCAN_BYTES,
  };
}

type Result = FormState & { ok?: boolean; message?: string; count?: number };

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.attendance");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  return act(form, async (values) => {
    if (intent === "mark") {
      const r = await markAttendanceFromForm(actor, params.id, values);
      return { ok: true, message: "attend.saved", count: r.marked };
    }
    if (intent === "all-present") {
      const r = await markAllPresent(actor, params.id);
      return { ok: true, message: "attend.savedAll", count: r.marked };
    }
    if (intent === "scan") {
      const f = form.get("file");
      await uploadSessionScan(
        actor,
        params.id,
        f instanceof File
          ? { name: f.name, size: f.size, bytes: async () => new Uint8Array(await f.arrayBuffer()) }
          : null,
      );
      return { ok: true, message: "attend.scanSaved" };
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function SessionAttendancePage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const intent = result?.values?.intent;
  const s = d.session;
  const where = [s.place, s.meetingUrl].filter(Boolean).join(" · ");
  return (
    <Page
      title={t("attend.session.title", { number: d.number, of: d.of })}
      crumbs={[
        { to: "/programme", label: t("attend.crumbProgramme") },
        { to: `/programme/${d.activity.id}`, label: d.activity.title },
        { to: `/programme/${d.activity.id}/attendance`, label: t("attend.overview.crumb") },
      ]}
    >
      {result?.ok && result.message && isMessageKey(result.message) && (
        <Notice kind="success">
          {t(result.message as MessageKey, { count: result.count ?? 0 })}
        </Notice>
      )}
      <dl className="facts">
        <dt>{t("attend.activity")}</dt>
        <dd>
          <Link to={`/programme/${d.activity.id}`}>{d.activity.title}</Link>
        </dd>
        <dt>{t("attend.when")}</dt>
        <dd>{formatSessionWhen(s)}</dd>
        <dt>{t("attend.place")}</dt>
        <dd>{where || t("common.none")}</dd>
        <dt>{t("attend.enrolled")}</dt>
        <dd>{d.rows.length}</dd>
      </dl>
      <p>
        <a href={`/programme/sessions/${s.id}/sheet.pdf`} download>
          {t("attend.sheetLink")}
        </a>
      </p>

      <h2>{t("attend.markTitle")}</h2>
      {s.cancelledAt ? (
        <Notice>{t("errors.attendanceSessionCancelled")}</Notice>
      ) : !d.started ? (
        <Notice>{t("attend.notStarted", { when: formatDateTime(s.startsAt) })}</Notice>
      ) : d.rows.length === 0 ? (
        <EmptyState>{t("attend.nobody")}</EmptyState>
      ) : (
        <>
          <p className="hint">{t("attend.markIntro")}</p>
          <AllPresentForm count={d.rows.length} />
          {intent === "all-present" && <ErrorSummary state={result} labels={{}} />}
          <AttendanceForm
            rows={d.rows}
            sessionMinutes={d.minutes}
            state={intent === "mark" ? result : undefined}
          />
        </>
      )}

      <ScanSection
        sessionId={s.id}
        scan={d.scan}
        maxBytes={d.maxScanBytes}
        state={intent === "scan" ? result : undefined}
      />
    </Page>
  );
}

function ScanSection({
  sessionId,
  scan,
  maxBytes,
  state: server,
}: {
  sessionId: string;
  scan: { fileName: string; contentType: string; size: number; uploadedAt: Date } | null;
  maxBytes: number;
  state: FormState;
}) {
  const t = useT();
  // A file over the limit is stopped in the browser, so nobody waits for it to upload.
  const [tooLarge, setTooLarge] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const state: FormState = tooLarge ? { fieldErrors: { file: "errors.scanTooLarge" } } : server;
  const error = state?.fieldErrors?.file;
  return (
    <section aria-labelledby="h-scan">
      <h2 id="h-scan">{t("attend.scanTitle")}</h2>
      {scan ? (
        <p>
          {t("attend.scanStored", {
            name: scan.fileName,
            size: Math.max(1, Math.round(scan.size / 1024)),
            when: formatDateTime(scan.uploadedAt),
          })}{" "}
          <a href={`/programme/sessions/${sessionId}/scan`}>{t("attend.scanDownload")}</a>
        </p>
      ) : (
        <p>{t("attend.scanNone")}</p>
      )}
      <Form
        method="post"
        encType="multipart/form-data"
        className="narrow"
        onSubmit={(e) => {
          const file = input.current?.files?.[0];
          const over = Boolean(file && file.size > maxBytes);
          setTooLarge(over);
          if (over) e.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="scan" />
        <ErrorSummary state={state} labels={{ file: t("attend.scanFile") }} />
        <div className={`field${error ? " field-invalid" : ""}`}>
          <label htmlFor="f-file">{t("attend.scanFile")}</label>
          <p className="hint" id="f-file-hint">
            {t(scan ? "attend.scanHintReplace" : "attend.scanHint")}
          </p>
          <input
            ref={input}
            id="f-file"
            name="file"
            type="file"
            required
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "f-file-hint f-file-error" : "f-file-hint"}
            onChange={() => setTooLarge(false)}
          />
          {error && (
            <p className="error" id="f-file-error">
              {isMessageKey(error) ? t(error) : error}
            </p>
          )}
        </div>
        <button type="submit">{t("attend.scanUpload")}</button>
      </Form>
    </section>
  );
}
