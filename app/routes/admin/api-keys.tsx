import { useEffect, useRef, useState } from "react";
import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useLocation,
  useSearchParams,
} from "react-router";
import { API_KEY_ROLES } from "../../../modules/access/api-keys.ts";
import { type CreatedApiKey, createApiKey } from "../../../modules/access/api-keys-create.ts";
import { listApiKeys } from "../../../modules/access/api-keys-list.ts";
import { revokeApiKey } from "../../../modules/access/api-keys-revoke.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, Field, type FormState, SelectField } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/api-keys";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "api.keys.manage");
  return listApiKeys(actor, pageParams(new URL(request.url)));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "api.keys.manage");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  return act(form, async (v) => {
    if (intent === "create") {
      // Answered in place, not by a redirect: the key is in this one response and nowhere else.
      const created = await createApiKey(actor, v);
      return { ok: true, created };
    }
    if (intent === "revoke") {
      await revokeApiKey(actor, v.id ?? "");
      return redirect("/admin/api-keys?revoked=1");
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function ApiKeys() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as
    | (FormState & { created?: CreatedApiKey })
    | undefined;
  const [params] = useSearchParams();
  const { search } = useLocation();
  const created = state?.created;
  const confirming = d.rows.find((k) => k.id === params.get("revoke") && !k.revokedAt);
  const labels = { name: t("apiKeys.name"), role: t("apiKeys.role") };
  const sortProps = { sort: d.sort, dir: d.dir };
  const withRevoke = (id: string | null) => {
    const p = new URLSearchParams(search);
    if (id) p.set("revoke", id);
    else p.delete("revoke");
    p.delete("revoked");
    const s = p.toString();
    return s ? `?${s}` : "/admin/api-keys";
  };
  return (
    <Page title={t("apiKeys.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      <p>{t("apiKeys.intro")}</p>
      <p>
        <a href="/api/v1/openapi.json">{t("apiKeys.openapi")}</a>
      </p>
      {params.get("revoked") && <Notice kind="success">{t("apiKeys.revoked")}</Notice>}
      {created && <CreatedKey created={created} />}
      {confirming && (
        <ConfirmRevoke id={confirming.id} name={confirming.name} cancelTo={withRevoke(null)} />
      )}

      {(d.total > 0 || d.q) && (
        <SearchForm
          q={d.q}
          label={t("apiKeys.search")}
          clearTo={Boolean(d.q) && "/admin/api-keys"}
        />
      )}
      {d.rows.length === 0 && d.total > 0 ? (
        <PastLastPage pageSize={d.pageSize} total={d.total} />
      ) : d.rows.length === 0 ? (
        <EmptyState>{t(d.q ? "apiKeys.noResults" : "apiKeys.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("apiKeys.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={labels.name} {...sortProps} />
                <th scope="col">{labels.role}</th>
                <th scope="col">{t("apiKeys.prefix")}</th>
                <SortHeader column="created" label={t("apiKeys.created")} {...sortProps} />
                <th scope="col">{t("apiKeys.createdBy")}</th>
                <SortHeader column="lastUsed" label={t("apiKeys.lastUsed")} {...sortProps} />
                <th scope="col">{t("apiKeys.status")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>{t(`role.${k.role}` as MessageKey)}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{formatDateTime(k.createdAt)}</td>
                  <td>{k.createdBy ?? t("apiKeys.cli")}</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t("apiKeys.never")}</td>
                  <td>
                    {k.revokedAt
                      ? t("apiKeys.revokedOn", { date: formatDateTime(k.revokedAt) })
                      : t("apiKeys.active")}
                  </td>
                  <td>
                    {!k.revokedAt && (
                      <Link
                        to={`${withRevoke(k.id)}#confirm`}
                        aria-label={t("apiKeys.revokeLabel", { name: k.name })}
                      >
                        {t("apiKeys.revoke")}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />

      <section aria-labelledby="h-new" className="card">
        <h2 id="h-new">{t("apiKeys.new")}</h2>
        <ErrorSummary state={created ? undefined : state} labels={labels} />
        <Form method="post" noValidate key={created?.id ?? "new"}>
          <input type="hidden" name="intent" value="create" />
          <Field
            name="name"
            label={labels.name}
            hint={t("apiKeys.nameHint")}
            required
            maxLength={100}
            state={created ? undefined : state}
          />
          <SelectField
            name="role"
            label={labels.role}
            hint={t("apiKeys.roleHint")}
            required
            placeholder={t("apiKeys.chooseRole")}
            state={created ? undefined : state}
            options={API_KEY_ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
          />
          <button type="submit" className="primary">
            {t("apiKeys.create")}
          </button>
        </Form>
      </section>
    </Page>
  );
}

/** The new key, shown this once; focused so a screen reader announces it. */
function CreatedKey({ created }: { created: CreatedApiKey }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    heading.current?.focus();
    setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard));
  }, []);
  return (
    <section aria-labelledby="h-created" className="card notice notice-success">
      <h2 id="h-created" tabIndex={-1} ref={heading}>
        {t("apiKeys.createdTitle", { name: created.name })}
      </h2>
      <p id="created-hint">{t("apiKeys.copyHint")}</p>
      <p id="created-warning">
        <strong>{t("apiKeys.shownOnce")}</strong>
      </p>
      <div className="field">
        <label htmlFor="f-newKey">{t("apiKeys.key")}</label>
        <input
          id="f-newKey"
          ref={input}
          readOnly
          value={created.key}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="created-hint created-warning"
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      {canCopy && (
        <p>
          <button
            type="button"
            onClick={async () => {
              await navigator.clipboard.writeText(created.key);
              setCopied(true);
            }}
          >
            {t("apiKeys.copy")}
          </button>{" "}
          <span role="status">{copied ? t("apiKeys.copied") : ""}</span>
        </p>
      )}
    </section>
  );
}

function ConfirmRevoke({ id, name, cancelTo }: { id: string; name: string; cancelTo: string }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section id="confirm" aria-labelledby="h-confirm" className="card">
      <h2 id="h-confirm" tabIndex={-1} ref={heading}>
        {t("apiKeys.confirmTitle", { name })}
      </h2>
      <p>{t("apiKeys.confirmText")}</p>
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="primary">
          {t("apiKeys.confirmRevoke")}
        </button>{" "}
        <Link to={cancelTo}>{t("common.cancel")}</Link>
      </Form>
    </section>
  );
}
