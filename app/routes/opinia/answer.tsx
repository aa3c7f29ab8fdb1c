// /opinia/:slug — the client-service survey through a location's public link (the QR code on
// its poster): no sign-in, no token; answers carry the location and the day only.
import { useEffect } from "react";
import {
  data,
  isRouteErrorResponse,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useRouteError,
} from "react-router";
import { describeSurveyLink } from "../../../modules/survey/describe-survey.ts";
import { PUBLIC_ANSWERS, submitPublicResponse } from "../../../modules/survey/submit-public.ts";
import { withTokenGuessLimit } from "../../../modules/survey/token-guesses.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, formatDateTime } from "../../../platform/i18n.ts";
import { Page } from "../../components/page.tsx";
import {
  AnonymityNote,
  clearSurveyDrafts,
  SurveyForm,
  type SurveyFormState,
  SurveyProblem,
  useLastActionData,
} from "../../components/survey-form.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { load } from "../../lib/server.ts";
import { clientAddress, submitQuestionnaire } from "../survey/questionnaire.server.ts";
import type { Route } from "./+types/answer";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const survey = await load(() =>
    withTokenGuessLimit(clientAddress(context), () => describeSurveyLink(params.slug)),
  );
  const done = new URL(request.url).searchParams.has("done");
  return data(
    {
      ...survey,
      done,
      startsLater: survey.opensAt.getTime() > Date.now(),
      limit: PUBLIC_ANSWERS.max,
    },
    { status: survey.state === "closed" && !done ? 410 : 200 },
  );
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const address = clientAddress(context);
  // Not the request's own path: with scripts it is the data request's ("….data").
  const here = `/opinia/${params.slug}`;
  const form = await request.formData();
  try {
    const survey = await withTokenGuessLimit(address, () => describeSurveyLink(params.slug));
    if (survey.state !== "open" || !survey.instrument) return redirect(here);
    const result = await submitQuestionnaire(survey.instrument, form, (answers) =>
      submitPublicResponse(params.slug, answers, { address }),
    );
    if (!result.ok) return data(result.state, { status: result.status });
  } catch (e) {
    if (e instanceof AppError && (e.code === "conflict" || e.code === "gone")) {
      return redirect(here);
    }
    if (e instanceof AppError) throw data(null, { status: e.status });
    throw e;
  }
  return redirect(`${here}?done=1`);
}

export default function PublicAnswerPage() {
  const { t, locale } = useI18n();
  const s = useLoaderData<typeof loader>();
  const state = useLastActionData(useActionData<typeof action>() as SurveyFormState | undefined);
  const { pathname } = useLocation();
  useEffect(() => {
    if (s.done) clearSurveyDrafts();
  }, [s.done]);

  if (s.done) {
    return (
      <Page title={t("opinia.thanksTitle")}>
        <div className="survey-thanks">
          <p className="lead">{t("opinia.thanksStored", { unit: s.unitName ?? "" })}</p>
          <p>{t("opinia.thanksKept")}</p>
          <p>{t("opinia.thanksClose")}</p>
        </div>
      </Page>
    );
  }
  if (s.state === "closed") {
    return (
      <Page title={t("opinia.closedTitle")}>
        <p>{t("opinia.closedText", { date: formatDateTime(s.closesAt) })}</p>
      </Page>
    );
  }
  if (s.state !== "open" || !s.instrument) {
    return (
      <Page title={t("opinia.notOpenTitle")}>
        <p>
          {s.startsLater
            ? t("opinia.notOpenText", { date: formatDateTime(s.opensAt) })
            : t("opinia.notOpenSoon")}
        </p>
      </Page>
    );
  }
  const instrument = s.instrument;
  return (
    <Page title={instrument.title[locale]}>
      <p className="muted">
        {s.centreName} · {s.unitName} · {t("survey.openUntil", { date: formatDate(s.closesAt) })}
      </p>
      {instrument.description && (
        <p className="lead survey-intro">{instrument.description[locale]}</p>
      )}
      <AnonymityNote kind="client" />
      {state?.fieldErrors?._form === "errors.surveyPublicTooMany" && (
        <p className="hint">{t("opinia.limitExplained", { count: s.limit })}</p>
      )}
      <SurveyForm instrument={instrument} state={state} action={pathname} />
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return <SurveyProblem status={status} publicLink />;
}
