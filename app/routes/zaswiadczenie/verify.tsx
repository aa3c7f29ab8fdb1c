// /zaswiadczenie — anyone (no sign-in) types a certificate's number to check it is genuine.
// The number is looked up here, so a mistyped one is told next to the field; a found one
// leads to its page (/zaswiadczenie/<number>), the address its QR code holds.
import { data, Form, redirect, useActionData } from "react-router";
import { verifyCertificate } from "../../../modules/programme/certificates.ts";
import { AppError } from "../../../platform/errors.ts";
import { ErrorSummary, Field, type FormState } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { ctx } from "../../lib/server.ts";
import type { Route } from "./+types/verify";

const refuse = (number: string, key: string, status: number) =>
  data<FormState>({ fieldErrors: { number: key }, values: { number } }, { status });

export async function action({ context, request }: Route.ActionArgs) {
  const typed = String((await request.formData()).get("number") ?? "").trim();
  if (typed === "") return refuse(typed, "errors.required", 422);
  try {
    const v = await verifyCertificate(typed, ctx(context).clientAddress ?? "unknown");
    return redirect(`/zaswiadczenie/${v.number}`);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") {
      return refuse(typed, "errors.certificateUnknown", 404);
    }
    if (e instanceof AppError && e.code === "rate_limited") {
      return refuse(typed, "errors.certificateTooManyTries", 429);
    }
    throw e;
  }
}

export default function VerifyPage() {
  const t = useT();
  const state = useActionData<typeof action>() as FormState;
  return (
    <Page title={t("verify.title")}>
      <div className="narrow">
        <p>{t("verify.intro")}</p>
        <ErrorSummary state={state} labels={{ number: t("verify.number") }} />
        <Form method="post" noValidate>
          <Field
            name="number"
            label={t("verify.number")}
            hint={t("verify.numberHint")}
            required
            autoComplete="off"
            maxLength={40}
            state={state}
          />
          <button type="submit" className="primary">
            {t("verify.submit")}
          </button>
        </Form>
        <p className="hint">{t("verify.privacy")}</p>
      </div>
    </Page>
  );
}
