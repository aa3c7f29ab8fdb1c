// /survey/:token — answering through a personal link or a paper code, without signing in.
// With ?kiosk=1 (reached from /survey) the page goes back to the code field after answering.
import {
  data,
  isRouteErrorResponse,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useRouteError,
} from "react-router";
import { describeSurveyToken } from "../../../modules/survey/describe-survey.ts";
import { submitResponse } from "../../../modules/survey/submit-response.ts";
import { withTokenGuessLimit } from "../../../modules/survey/token-guesses.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, formatDateTime } from "../../../platform/i18n.ts";
import { Page } from "../../components/page.tsx";
import {
  AnonymityNote,
  SurveyForm,
  type SurveyFormState,
  SurveyProblem,
  useLastActionData,
} from "../../components/survey-form.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { load, pagePath } from "../../lib/server.ts";
import type { Route } from "./+types/answer";
import { clientAddress, submitQuestionnaire } from "./questionnaire.server.ts";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const address = clientAddress(context);
  const survey = await load(() =>
    withTokenGuessLimit(address, () => describeSurveyToken(params.token)),
  );
  const kiosk = new URL(request.url).searchParams.has("kiosk");
  const status = survey.state === "answered" || survey.state === "closed" ? 410 : 200;
  return data(
    {
      ...survey,
      kiosk,
      startsLater: survey.opensAt.getTime() > Date.now(),
    },
    { status },
  );
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const address = clientAddress(context);
  const kiosk = new URL(request.url).searchParams.has("kiosk");
  // The page's address, not the data request's ("….data") that scripts post to.
  const here = pagePath(request);
  const form = await request.formData();
  try {
    const survey = await withTokenGuessLimit(address, () => describeSurveyToken(params.token));
    // Closed, answered or not yet open since the page was shown: the page says which.
    if (survey.state !== "open" || !survey.instrument) return redirect(here);
    const result = await submitQuestionnaire(survey.instrument, form, (answers) =>
      withTokenGuessLimit(address, () => submitResponse(params.token, answers)),
    );
    if (!result.ok) return data(result.state, { status: result.status });
  } catch (e) {
    if (e instanceof AppError && (e.code === "conflict" || e.code === "gone")) {
      return redirect(here);
    }
    if (e instanceof AppError) throw data(null, { status: e.status });
    throw e;
  }
  return redirect(kiosk ? "/survey?done=1" : "/survey/dziekujemy");
}

export default function AnswerPage() {
  const { t } = useI18n();
  const s = useLoaderData<typeof loader>();
  const state = useLastActionData(useActionData<typeof action>() as SurveyFormState | undefined);
  const { pathname, search } = useLocation();
  const next = s.kiosk && (
    <p>
      <Link to="/survey">{t("survey.kioskNext")}</Link>
    </p>
  );

  if (s.state === "answered") {
    return (
      <Page title={t("survey.answeredTitle")}>
        <p>{t("survey.answeredText")}</p>
        {next}
      </Page>
    );
  }
  if (s.state === "closed") {
    return (
      <Page title={t("survey.closedTitle")}>
        <p>{t("survey.closedText", { name: s.cycleName, date: formatDateTime(s.closesAt) })}</p>
        {next}
      </Page>
    );
  }
  if (s.state === "notOpenYet" || !s.instrument) {
    return (
      <Page title={t("survey.notOpenTitle")}>
        <p>
          {s.startsLater
            ? t("survey.notOpenText", { name: s.cycleName, date: formatDateTime(s.opensAt) })
            : t("survey.notOpenSoon", { name: s.cycleName })}
        </p>
        {next}
      </Page>
    );
  }
  return <Questionnaire survey={s} state={state} action={`${pathname}${search}`} />;
}

function Questionnaire({
  survey,
  state,
  action,
}: {
  survey: ReturnType<typeof useLoaderData<typeof loader>>;
  state: SurveyFormState | undefined;
  action: string;
}) {
  const { t, locale } = useI18n();
  const instrument = survey.instrument!;
  return (
    <Page title={instrument.title[locale]}>
      <p className="muted">
        {survey.centreName} · {t("survey.openUntil", { date: formatDate(survey.closesAt) })}
      </p>
      {instrument.description && (
        <p className="lead survey-intro">{instrument.description[locale]}</p>
      )}
      <AnonymityNote kind="staff" />
      {survey.kiosk && (
        <p>
          <Link to="/survey">{t("survey.kioskCancel")}</Link>
        </p>
      )}
      <SurveyForm
        instrument={instrument}
        state={state}
        action={action}
        // A shared kiosk keeps nothing; a person's own device keeps a draft in this tab.
        draftKey={survey.kiosk ? undefined : action}
      />
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { search } = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return <SurveyProblem status={status} kiosk={search.includes("kiosk")} />;
}
