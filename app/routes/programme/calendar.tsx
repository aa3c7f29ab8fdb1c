// /calendar — the person's calendar feed address: create it (shown once, to copy into Outlook,
// Thunderbird or Google Calendar), replace it with a new one, or turn it off.
import { useEffect, useState } from "react";
import { Form, useActionData, useLoaderData } from "react-router";
import {
  calendarFeedState,
  createCalendarFeed,
  revokeCalendarFeed,
} from "../../../modules/programme/calendar-feed.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDateTime } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/calendar";
import "../../components/programme/enrol.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  return { hasEmployee: Boolean(actor.employeeId), feed: await calendarFeedState(actor) };
}

type Result = FormState & { ok?: boolean; url?: string; revoked?: boolean };

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  return act(await request.formData(), async (v): Promise<Result> => {
    if (v.intent === "create") return { ok: true, url: (await createCalendarFeed(actor)).url };
    if (v.intent === "revoke") {
      await revokeCalendarFeed(actor);
      return { ok: true, revoked: true };
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function CalendarFeed() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  return (
    <Page title={t("programme.calendar.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      {!d.hasEmployee ? (
        <p>{t("programme.calendar.noEmployee")}</p>
      ) : (
        <>
          <p>{t("programme.calendar.intro")}</p>
          <p>{t("programme.calendar.secret")}</p>
          {result && !result.ok && <ErrorSummary state={result} labels={{}} />}
          {result?.revoked && <Notice kind="success">{t("programme.calendar.revoked")}</Notice>}
          {result?.url ? (
            <NewAddress url={result.url} />
          ) : (
            <p>
              {d.feed
                ? t("programme.calendar.active", { date: formatDateTime(d.feed.createdAt) })
                : t("programme.calendar.none")}
            </p>
          )}
          <div className="calendar-actions">
            <Form method="post">
              <input type="hidden" name="intent" value="create" />
              <button type="submit" className={d.feed ? undefined : "primary"}>
                {t(d.feed ? "programme.calendar.replace" : "programme.calendar.create")}
              </button>
            </Form>
            {d.feed && (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <button type="submit">{t("programme.calendar.revoke")}</button>
              </Form>
            )}
          </div>
        </>
      )}
    </Page>
  );
}

/** The new address, once: selectable text, and a copy button where the browser can copy. */
function NewAddress({ url }: { url: string }) {
  const t = useT();
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <div className="notice notice-success">
      <p>{t("programme.calendar.shownOnce")}</p>
      <div className="field">
        <label htmlFor="f-calendar-url">{t("programme.calendar.url")}</label>
        <input
          id="f-calendar-url"
          className="calendar-url"
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      {canCopy && (
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t("programme.calendar.copy")}
        </button>
      )}
      <p role="status">{copied ? t("programme.calendar.copied") : ""}</p>
    </div>
  );
}
