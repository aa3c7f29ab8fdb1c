import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { changePassword } from "../../modules/access/password.ts";
import { setLocale } from "../../modules/access/profile.ts";
import {
  beginTwoFactor,
  confirmTwoFactor,
  disableTwoFactor,
} from "../../modules/access/two-factor.ts";
import { AppError } from "../../platform/errors.ts";
import { isLocale, localeCookie } from "../../platform/i18n.ts";
import { ErrorSummary, Field, NewPasswordFields, SelectField } from "../components/form.tsx";
import { Notice, Page } from "../components/page.tsx";
import { useT } from "../lib/i18n.tsx";
import { act, requirePage, withCookies } from "../lib/server.ts";
import type { Route } from "./+types/profile";

export function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "profile.edit");
  return {
    name: actor.name,
    email: actor.email,
    locale: actor.locale ?? "pl",
    twoFactorEnabled: actor.twoFactorEnabled,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "profile.edit");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  return act(form, async (v) => {
    switch (intent) {
      case "language": {
        if (!isLocale(v.locale)) throw new AppError("validation", { locale: "errors.invalid" });
        await setLocale(actor, v.locale);
        return withCookies("/profile?saved=language", new Headers(), {
          "Set-Cookie": localeCookie(v.locale),
        });
      }
      case "password": {
        const headers = await changePassword(request.headers, v);
        return withCookies("/profile?saved=password", headers);
      }
      case "2fa-begin": {
        const setup = await beginTwoFactor(request.headers, v.password ?? "");
        return { ok: true, intent, setup };
      }
      case "2fa-confirm": {
        const headers = await confirmTwoFactor(request.headers, v.code ?? "");
        return withCookies("/profile?saved=2fa-on", headers);
      }
      case "2fa-disable": {
        const headers = await disableTwoFactor(request.headers, v.password ?? "");
        return withCookies("/profile?saved=2fa-off", headers);
      }
      default:
        throw new AppError("validation", { _form: "errors.invalid" });
    }
  });
}

export default function Profile() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as
    | {
        intent?: string;
        setup?: { qrDataUrl: string; secret: string; backupCodes: string[] };
        fieldErrors?: Record<string, string>;
        values?: Record<string, string>;
      }
    | undefined;
  const intent = state?.values?.intent ?? state?.intent;
  const stateFor = (i: string) => (intent === i ? state : undefined);
  const pwLabels = {
    currentPassword: t("password.current"),
    password: t("password.new"),
    passwordConfirm: t("password.confirm"),
  };
  const setup = state?.setup;
  return (
    <Page title={t("profile.title")}>
      <SavedNotice />
      <p>
        {d.name} — {d.email}
      </p>

      <section aria-labelledby="h-lang" className="card">
        <h2 id="h-lang">{t("profile.language")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="language" />
          <SelectField
            name="locale"
            label={t("profile.language")}
            required
            defaultValue={d.locale}
            options={[
              { value: "pl", label: "Polski" },
              { value: "en", label: "English" },
            ]}
          />
          <button type="submit">{t("common.save")}</button>
        </Form>
      </section>

      <section aria-labelledby="h-password" className="card">
        <h2 id="h-password">{t("profile.password")}</h2>
        <ErrorSummary state={stateFor("password")} labels={pwLabels} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="password" />
          <Field
            name="currentPassword"
            type="password"
            label={pwLabels.currentPassword}
            required
            autoComplete="current-password"
            state={stateFor("password")}
          />
          <NewPasswordFields label={pwLabels.password} state={stateFor("password")} />
          <button type="submit">{t("profile.changePassword")}</button>
        </Form>
      </section>

      <section aria-labelledby="h-2fa" className="card">
        <h2 id="h-2fa">{t("profile.twoFactor")}</h2>
        {d.twoFactorEnabled ? (
          <>
            <p>{t("profile.twoFactorOn")}</p>
            <ErrorSummary
              state={stateFor("2fa-disable")}
              labels={{ password: t("login.password") }}
              idPrefix="f-2fa-"
            />
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="2fa-disable" />
              <Field
                name="password"
                idPrefix="f-2fa-"
                type="password"
                label={t("login.password")}
                required
                autoComplete="current-password"
                state={stateFor("2fa-disable")}
              />
              <button type="submit">{t("profile.disable2fa")}</button>
            </Form>
          </>
        ) : setup || intent === "2fa-confirm" ? (
          <>
            {setup && (
              <>
                <p>{t("profile.scan")}</p>
                <img
                  className="qr"
                  src={setup.qrDataUrl}
                  alt={t("profile.qrAlt")}
                  width={220}
                  height={220}
                />
                <p>
                  {t("profile.secret")}: <code>{setup.secret}</code>
                </p>
                <h3>{t("profile.backupCodes")}</h3>
                <ul className="codes">
                  {setup.backupCodes.map((c) => (
                    <li key={c}>
                      <code>{c}</code>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <ErrorSummary state={stateFor("2fa-confirm")} labels={{ code: t("login.code") }} />
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="2fa-confirm" />
              <Field
                name="code"
                label={t("login.code")}
                required
                inputMode="numeric"
                autoComplete="one-time-code"
                state={stateFor("2fa-confirm")}
              />
              <button type="submit" className="primary">
                {t("profile.confirm2fa")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t("profile.twoFactorOff")}</p>
            <ErrorSummary
              state={stateFor("2fa-begin")}
              labels={{ password: t("login.password") }}
              idPrefix="f-2fa-"
            />
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="2fa-begin" />
              <Field
                name="password"
                idPrefix="f-2fa-"
                type="password"
                label={t("login.password")}
                required
                autoComplete="current-password"
                state={stateFor("2fa-begin")}
              />
              <button type="submit">{t("profile.enable2fa")}</button>
            </Form>
          </>
        )}
      </section>
    </Page>
  );
}

const SAVED = {
  language: "profile.languageSaved",
  password: "profile.passwordChanged",
  "2fa-on": "profile.twoFactorEnabled",
  "2fa-off": "profile.twoFactorDisabled",
} as const;

function SavedNotice() {
  const t = useT();
  const [params] = useSearchParams();
  const key = SAVED[params.get("saved") as keyof typeof SAVED];
  return key ? <Notice kind="success">{t(key)}</Notice> : null;
}
