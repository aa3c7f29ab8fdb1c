// /survey — answering with a printed one-time code (paper or kiosk mode): type the code, then
// the questionnaire; after answering, back here for the next person. Nothing is kept between
// people: the code goes in the address of the questionnaire, the "done" notice in the query.
import { useEffect } from "react";
import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import { describeSurveyToken } from "../../../modules/survey/describe-survey.ts";
import { normalizePaperCode } from "../../../modules/survey/paper-codes.ts";
import { withTokenGuessLimit } from "../../../modules/survey/token-guesses.ts";
import { AppError } from "../../../platform/errors.ts";
import { ErrorSummary, Field, type FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import {
  AnonymityNote,
  clearSurveyDrafts,
  useLastActionData,
} from "../../components/survey-form.tsx";
import { useT } from "../../lib/i18n.tsx";
import type { Route } from "./+types/code";
import { clientAddress } from "./questionnaire.server.ts";

export function loader({ request }: Route.LoaderArgs) {
  return { done: new URL(request.url).searchParams.has("done") };
}

const refuse = (code: string, key: string, status = 422) =>
  data<FormState>({ fieldErrors: { code: key }, values: { code } }, { status });

export async function action({ context, request }: Route.ActionArgs) {
  const typed = String((await request.formData()).get("code") ?? "").trim();
  if (typed === "") return refuse(typed, "errors.required");
  const code = normalizePaperCode(typed);
  // A code of the wrong shape cannot be anyone's, so it is not counted as a guess.
  if (!code) return refuse(typed, "errors.surveyCodeFormat");
  try {
    const survey = await withTokenGuessLimit(clientAddress(context), () =>
      describeSurveyToken(code),
    );
    if (survey.via !== "paper") return refuse(typed, "errors.surveyCodeUnknown");
    if (survey.state === "answered") return refuse(typed, "errors.surveyCodeUsed");
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") {
      return refuse(typed, "errors.surveyCodeUnknown");
    }
    if (e instanceof AppError && e.code === "rate_limited") {
      return refuse(typed, "errors.surveyTooManyGuesses", 429);
    }
    throw e;
  }
  // Closed or not yet open: the questionnaire's page says so, with the dates.
  return redirect(`/survey/${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}?kiosk=1`);
}

export default function CodePage() {
  const t = useT();
  const { done } = useLoaderData<typeof loader>();
  const state = useLastActionData(useActionData<typeof action>());
  useEffect(() => {
    if (done) clearSurveyDrafts();
  }, [done]);
  return (
    <Page title={t("survey.codeTitle")}>
      <div className="narrow">
        {done && !state && <Notice kind="success">{t("survey.kioskThanks")}</Notice>}
        <p>{t("survey.codeIntro")}</p>
        <ErrorSummary state={state} labels={{ code: t("survey.codeLabel") }} />
        {/* A fresh form per answer, so the field is empty again for the next person. */}
        <Form method="post" noValidate key={done ? "done" : "code"}>
          <Field
            name="code"
            label={t("survey.codeLabel")}
            hint={t("survey.codeHint")}
            required
            autoComplete="off"
            maxLength={40}
            state={state}
          />
          <button type="submit" className="primary">
            {t("survey.codeSubmit")}
          </button>
        </Form>
        <AnonymityNote kind="staff" />
      </div>
    </Page>
  );
}
