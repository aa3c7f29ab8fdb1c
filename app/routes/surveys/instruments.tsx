import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { listInstrumentSummaries } from "../../../modules/survey/instrument-list.ts";
import {
  InstrumentValidationError,
  saveInstrument,
} from "../../../modules/survey/save-instrument.ts";
import { addFromLibrary, listLibrary } from "../../../modules/survey/seed-default-instruments.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDateTime } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { InstrumentErrors } from "../../components/survey-instrument.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/instruments";

/** Larger than any real instrument (ours is about 60 kB) and within the server's body limit. */
const MAX_FILE_BYTES = 512 * 1024;

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const [list, library] = await Promise.all([
    listInstrumentSummaries(actor, pageParams(new URL(request.url))),
    listLibrary(actor),
  ]);
  return { list, library };
}

type ImportError = { path: string; code: string };

/** The pasted text, or the uploaded file's (UTF-8, a byte-order mark dropped). */
async function importedText(form: FormData): Promise<string> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) {
      throw new AppError("validation", { file: "errors.surveyInstrumentFileTooLarge" });
    }
    return (await file.text()).replace(/^\uFEFF/, "");
  }
  const pasted = String(form.get("json") ?? "").trim();
  if (!pasted) throw new AppError("validation", { json: "errors.surveyInstrumentEmpty" });
  return pasted;
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (intent === "library") {
    return act(form, async (v) => {
      const saved = await addFromLibrary(actor, v.slug ?? "");
      return redirect(`/surveys/instruments/${saved.id}?saved=${saved.created ? "new" : "same"}`);
    });
  }
  if (intent !== "import") throw data(null, { status: 400 });
  // The pasted text comes back with errors; a file cannot be put back into its field.
  const values = { json: String(form.get("json") ?? "") };
  try {
    const text = await importedText(form);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError("validation", {
        [values.json.trim() ? "json" : "file"]: "errors.surveyInstrumentJson",
      });
    }
    const saved = await saveInstrument(actor, json);
    return redirect(`/surveys/instruments/${saved.id}?saved=${saved.created ? "new" : "same"}`);
  } catch (e) {
    if (e instanceof InstrumentValidationError) {
      // Every problem with where it is in the file; the list is long only for a wrong file.
      const errors: ImportError[] = e.errors
        .slice(0, 200)
        .map(({ path, code }) => ({ path, code }));
      return data(
        {
          fieldErrors: { _form: "errors.surveyInstrumentInvalid" },
          values,
          importErrors: errors,
          more: Math.max(0, e.errors.length - errors.length),
        },
        { status: 422 },
      );
    }
    if (e instanceof AppError && e.code === "validation") {
      return data({ fieldErrors: e.fieldErrors, values }, { status: 422 });
    }
    if (e instanceof AppError) throw data(null, { status: e.status });
    throw e;
  }
}

export default function Instruments() {
  const { t, locale } = useI18n();
  const { list, library } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as
    | (FormState & { importErrors?: ImportError[]; more?: number })
    | undefined;
  const sortProps = { sort: list.sort, dir: list.dir };
  const labels = { json: t("surveyInstruments.paste"), file: t("surveyInstruments.file") };
  return (
    <Page
      title={t("surveyInstruments.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/surveys", label: t("surveys.title") },
      ]}
    >
      <p className="prose">{t("surveyInstruments.intro")}</p>
      <SearchForm
        q={list.q}
        label={t("surveyInstruments.search")}
        clearTo={Boolean(list.q) && "/surveys/instruments"}
      />
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>
          {t(list.q ? "surveyInstruments.noResults" : "surveyInstruments.empty")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("surveyInstruments.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="title" label={t("surveyInstruments.name")} {...sortProps} />
                <SortHeader column="slug" label={t("surveyInstruments.slug")} {...sortProps} />
                <th scope="col" className="num">
                  {t("surveyInstruments.latestVersion")}
                </th>
                <SortHeader column="saved" label={t("surveyInstruments.saved")} {...sortProps} />
                <th scope="col" className="num">
                  {t("surveyInstruments.cycles")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.slug}>
                  <th scope="row">
                    <Link to={`/surveys/instruments/${r.id}`}>{r.title[locale]}</Link>
                  </th>
                  <td>
                    <code>{r.slug}</code>
                  </td>
                  <td className="num">
                    {r.version}
                    {r.versions > 1 && (
                      <span className="muted">
                        {" "}
                        ({t("surveyInstruments.versions", { count: r.versions })})
                      </span>
                    )}
                  </td>
                  <td>{formatDateTime(r.savedAt)}</td>
                  <td className="num">{r.cycles}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />

      <section aria-labelledby="h-library" className="card">
        <h2 id="h-library">{t("surveyInstruments.library")}</h2>
        <p className="prose">{t("surveyInstruments.libraryIntro")}</p>
        <ul className="library">
          {library.map((e) => (
            <li key={e.slug}>
              <h3>{e.title[locale]}</h3>
              <p className="muted">
                {t("surveyInstruments.libraryFacts", { items: e.items, minutes: e.minutes })}
              </p>
              {e.latest?.same ? (
                <p>
                  {t("surveyInstruments.inCentre", { version: e.latest.version })}{" "}
                  <Link to={`/surveys/instruments/${e.latest.id}`}>
                    {t("surveyInstruments.view")}
                  </Link>
                </p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="library" />
                  <input type="hidden" name="slug" value={e.slug} />
                  {e.latest && (
                    <p className="hint">
                      {t("surveyInstruments.libraryDiffers", { version: e.latest.version })}
                    </p>
                  )}
                  <button
                    type="submit"
                    aria-label={t("surveyInstruments.addNamed", { name: e.title[locale] })}
                  >
                    {t(e.latest ? "surveyInstruments.addVersion" : "surveyInstruments.add")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="h-import" className="card">
        <h2 id="h-import">{t("surveyInstruments.import")}</h2>
        <p className="prose">{t("surveyInstruments.importIntro")}</p>
        <ErrorSummary state={state} labels={labels} />
        {state?.importErrors && (
          <InstrumentErrors errors={state.importErrors} more={state.more ?? 0} />
        )}
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="import" />
          <FileField state={state} label={labels.file} />
          <TextArea state={state} label={labels.json} />
          <button type="submit" className="primary">
            {t("surveyInstruments.importButton")}
          </button>
        </Form>
      </section>
    </Page>
  );
}

function FileField({ state, label }: { state: FormState; label: string }) {
  const { t } = useI18n();
  const error = state?.fieldErrors?.file;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor="f-file">
        {label} <span className="muted">{t("common.optional")}</span>
      </label>
      <p className="hint" id="f-file-hint">
        {t("surveyInstruments.fileHint")}
      </p>
      <input
        id="f-file"
        name="file"
        type="file"
        accept="application/json,.json"
        aria-invalid={error ? true : undefined}
        aria-describedby={`f-file-hint${error ? " f-file-error" : ""}`}
      />
      {error && (
        <p className="error" id="f-file-error">
          {t(error as "errors.invalid")}
        </p>
      )}
    </div>
  );
}

function TextArea({ state, label }: { state: FormState; label: string }) {
  const { t } = useI18n();
  const error = state?.fieldErrors?.json;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor="f-json">
        {label} <span className="muted">{t("common.optional")}</span>
      </label>
      <p className="hint" id="f-json-hint">
        {t("surveyInstruments.pasteHint")}
      </p>
      <textarea
        id="f-json"
        name="json"
        rows={8}
        spellCheck={false}
        defaultValue={state?.values?.json ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={`f-json-hint${error ? " f-json-error" : ""}`}
      />
      {error && (
        <p className="error" id="f-json-error">
          {t(error as "errors.invalid")}
        </p>
      )}
    </div>
  );
}
