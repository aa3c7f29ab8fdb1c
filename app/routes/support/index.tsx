// /support — booking a confidential consultation, coaching session, crisis support or
// supervision: choose the kind, then a specialist or "first available", see a week of free
// slots, pick one, confirm. The booking itself is in modules/support/book.ts.
import { Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { kindKey, modeKey } from "../../../modules/support/booking-labels.ts";
import { bookingWeek } from "../../../modules/support/booking-week.ts";
import { SUPPORT_MODES } from "../../../modules/support/schema.ts";
import { isMessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { SlotChoice, useHref } from "../../components/support/slot-week.tsx";
import { useT } from "../../lib/i18n.tsx";
import { load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/index";
import { type BookingResult, bookFromForm } from "./booking.server.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.book");
  const url = new URL(request.url);
  const week = await load(() => bookingWeek(actor, pageParams(url)));
  return {
    hasEmployee: Boolean(actor.employeeId),
    w: week,
    slotGone: url.searchParams.has("slot") && !week.picked,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.book");
  return bookFromForm(context, actor, await request.formData());
}

export default function SupportBooking() {
  const t = useT();
  const { hasEmployee, w, slotGone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as BookingResult | undefined;
  const busy = useNavigation().state === "submitting";
  const href = useHref();
  const names = new Map(w.specialists.map((s) => [s.id, s.name]));
  const message = (key: string) => (isMessageKey(key) ? t(key) : key);
  return (
    <Page
      title={t("supportBook.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        <Link className="button" to="/support/my">
          {t("supportBook.my.title")}
        </Link>
      }
    >
      <p className="lead">{t("supportBook.intro")}</p>
      <p>{t("supportBook.privacy")}</p>
      {!hasEmployee ? (
        <Notice>{t("supportBook.error.noEmployee")}</Notice>
      ) : w.kinds.length === 0 ? (
        <Notice>{t("supportBook.noSpecialists")}</Notice>
      ) : (
        <>
          <ErrorSummary
            state={result}
            labels={{
              kind: t("supportBook.field.kind"),
              startsAt: t("supportBook.field.when"),
              specialistId: t("supportBook.field.specialist"),
              mode: t("supportBook.field.mode"),
            }}
          />
          <Form method="get" className="sb-choose" aria-labelledby="h-choose">
            <h2 id="h-choose">{t("supportBook.choose.title")}</h2>
            <fieldset
              id="f-kind"
              tabIndex={-1}
              aria-describedby={result?.fieldErrors?.kind ? "f-kind-error" : undefined}
            >
              <legend>{t("supportBook.field.kind")}</legend>
              {result?.fieldErrors?.kind && (
                <p className="error" id="f-kind-error">
                  {message(result.fieldErrors.kind)}
                </p>
              )}
              <div className="sb-kinds">
                {w.kinds.map((k) => (
                  <div className="field field-check" key={k}>
                    <input
                      type="radio"
                      id={`f-kind-${k}`}
                      name="kind"
                      value={k}
                      defaultChecked={w.kind === k}
                      aria-describedby={`f-kind-${k}-hint`}
                    />
                    <label htmlFor={`f-kind-${k}`}>{t(kindKey(k))}</label>
                    <p className="hint" id={`f-kind-${k}-hint`}>
                      {t(`supportBook.kindHint.${k}` as Parameters<typeof t>[0])}
                    </p>
                  </div>
                ))}
              </div>
            </fieldset>
            {w.kind && (
              <div className="filters">
                <div className="field">
                  <label htmlFor="f-specialist">{t("supportBook.field.specialist")}</label>
                  <select id="f-specialist" name="specialist" defaultValue={w.specialist?.id ?? ""}>
                    <option value="">{t("supportBook.firstAvailable")}</option>
                    {w.specialists.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.title ? `${s.name} — ${s.title}` : s.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="f-mode">{t("supportBook.field.mode")}</label>
                  <select id="f-mode" name="mode" defaultValue={w.mode ?? ""}>
                    <option value="">{t("supportBook.anyMode")}</option>
                    {SUPPORT_MODES.map((m) => (
                      <option key={m} value={m}>
                        {t(modeKey(m))}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            )}
            <button type="submit" className="primary">
              {t("supportBook.choose.submit")}
            </button>
          </Form>
          {w.kind && (
            <>
              <Profiles w={w} />
              <SlotChoice
                w={w}
                kind={w.kind}
                refusal={result?.fieldErrors?.startsAt}
                alternatives={result?.alternatives}
                slotGone={slotGone}
                names={names}
                busy={busy}
              />
              {w.specialist && (
                <p>
                  <Link to={href({ specialist: null, slot: null })}>
                    {t("supportBook.showAll")}
                  </Link>
                </p>
              )}
            </>
          )}
        </>
      )}
    </Page>
  );
}

/** Who gives this kind of help: the chosen specialist in full, or everyone in short. */
function Profiles({
  w,
}: {
  w: {
    specialist: { id: string } | null;
    specialists: {
      id: string;
      name: string;
      title: string;
      profile: string;
      provider: string;
      online: boolean;
      inPerson: boolean;
      place: string;
      slotMinutes: number;
    }[];
  };
}) {
  const t = useT();
  const shown = w.specialist
    ? w.specialists.filter((s) => s.id === w.specialist?.id)
    : w.specialists;
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="h-profiles" className="sb-profile">
      <h2 id="h-profiles">
        {t(w.specialist ? "supportBook.profile.one" : "supportBook.profile.all")}
      </h2>
      {shown.map((s) => (
        <details key={s.id} open={Boolean(w.specialist)}>
          <summary>
            {s.name}
            {s.title && ` — ${s.title}`}
          </summary>
          {s.profile && <p>{s.profile}</p>}
          {s.provider && <p>{t("supportBook.profile.provider", { provider: s.provider })}</p>}
          <p>
            {t("supportBook.profile.modes", {
              modes: [
                s.online ? t(modeKey("online")) : null,
                s.inPerson ? t(modeKey("in_person")) : null,
              ]
                .filter(Boolean)
                .join(", "),
              minutes: s.slotMinutes,
            })}
          </p>
          {s.inPerson && s.place && <p>{t("supportBook.profile.place", { place: s.place })}</p>}
        </details>
      ))}
    </section>
  );
}
