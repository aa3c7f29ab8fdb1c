// /zaswiadczenie/<number> — the public confirmation of a certificate (its QR code leads here):
// for a valid one only the holder's name, the activity, its dates, the hours and the centre;
// for a revoked one the day it was revoked; otherwise that no such certificate exists.
import { data, Link, useLoaderData } from "react-router";
import { verifyCertificate } from "../../../modules/programme/certificates.ts";
import { formatHours } from "../../../modules/programme/hours.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { Page } from "../../components/page.tsx";
import "../../components/programme/attendance.css";
import { useI18n } from "../../lib/i18n.tsx";
import { ctx } from "../../lib/server.ts";
import type { Route } from "./+types/result";

export async function loader({ context, params }: Route.LoaderArgs) {
  const typed = params["*"] ?? "";
  try {
    return {
      typed,
      result: await verifyCertificate(typed, ctx(context).clientAddress ?? "unknown"),
    };
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") {
      return data({ typed, result: { status: "unknown" as const } }, { status: 404 });
    }
    if (e instanceof AppError && e.code === "rate_limited") {
      return data({ typed, result: { status: "limited" as const } }, { status: 429 });
    }
    throw e;
  }
}

export default function VerifyResultPage() {
  const { t, locale } = useI18n();
  const { typed, result: r } = useLoaderData<typeof loader>();
  return (
    <Page title={t("verify.resultTitle")}>
      {r.status === "valid" && (
        <section className="verify-result valid" aria-labelledby="h-verdict">
          <h2 id="h-verdict">{t("verify.valid")}</h2>
          <dl className="facts">
            <dt>{t("verify.number")}</dt>
            <dd>{r.number}</dd>
            <dt>{t("verify.holder")}</dt>
            <dd>{r.holderName}</dd>
            <dt>{t("verify.activity")}</dt>
            <dd>{r.activityTitle}</dd>
            <dt>{t("verify.dates")}</dt>
            <dd>
              {r.firstDay === r.lastDay
                ? formatDate(r.firstDay)
                : `${formatDate(r.firstDay)}–${formatDate(r.lastDay)}`}
            </dd>
            <dt>{t("verify.hours")}</dt>
            <dd>
              {t(r.hourUnit === "academic" ? "verify.hoursAcademic" : "verify.hoursClock", {
                hours: formatHours(r.hoursCenti, locale),
              })}
            </dd>
          </dl>
        </section>
      )}
      {r.status === "revoked" && (
        <section className="verify-result revoked" aria-labelledby="h-verdict">
          <h2 id="h-verdict">{t("verify.revoked", { date: formatDate(r.revokedOn) })}</h2>
          <p>{t("verify.revokedText", { number: r.number })}</p>
        </section>
      )}
      {r.status === "unknown" && (
        <section className="verify-result revoked" aria-labelledby="h-verdict">
          <h2 id="h-verdict">{t("verify.unknown")}</h2>
          <p>{t("verify.unknownText", { number: typed })}</p>
        </section>
      )}
      {r.status === "limited" && (
        <section className="verify-result revoked" aria-labelledby="h-verdict">
          <h2 id="h-verdict">{t("errors.certificateTooManyTries")}</h2>
        </section>
      )}
      <p>
        <Link to="/zaswiadczenie">{t("verify.another")}</Link>
      </p>
    </Page>
  );
}
