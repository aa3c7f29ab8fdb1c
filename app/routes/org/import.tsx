import { useRef, useState } from "react";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { uploadStaffFile } from "../../../modules/org/staff-import/upload-staff-file.ts";
import { listStaffImports } from "../../../modules/org/staff-import/view-staff-import.ts";
import { formatDateTime, isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import { MAX_SPREADSHEET_BYTES } from "../../../platform/spreadsheet.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/import";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "employees.manage");
  return { imports: await listStaffImports(actor), maxBytes: MAX_SPREADSHEET_BYTES };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "employees.manage");
  const form = await request.formData();
  return act(form, async () => {
    const f = form.get("file");
    const id = await uploadStaffFile(
      actor,
      f instanceof File
        ? { name: f.name, size: f.size, bytes: async () => new Uint8Array(await f.arrayBuffer()) }
        : null,
    );
    return redirect(`/org/employees/import/${id}`);
  });
}

export default function ImportUpload() {
  const t = useT();
  const { imports, maxBytes } = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>() as FormState;
  // A file over the limit is stopped in the browser, so nobody waits for 50 MB to upload.
  const [tooLarge, setTooLarge] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const state: FormState = tooLarge ? { fieldErrors: { file: "errors.fileTooLarge" } } : server;
  const error = state?.fieldErrors?.file;
  return (
    <Page
      title={t("import.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/org/employees", label: t("nav.employees") },
      ]}
    >
      <p className="prose">{t("import.intro")}</p>
      <h2>{t("import.columnsTitle")}</h2>
      <p className="prose">{t("import.columnsText")}</p>
      <p className="prose">{t("import.formatsText")}</p>

      <Form
        method="post"
        encType="multipart/form-data"
        className="narrow"
        onSubmit={(e) => {
          const file = input.current?.files?.[0];
          const over = Boolean(file && file.size > maxBytes);
          setTooLarge(over);
          if (over) e.preventDefault();
        }}
      >
        <ErrorSummary state={state} labels={{ file: t("import.file") }} />
        <div className={`field${error ? " field-invalid" : ""}`}>
          <label htmlFor="f-file">{t("import.file")}</label>
          <p className="hint" id="f-file-hint">
            {t("import.fileHint")}
          </p>
          <input
            ref={input}
            id="f-file"
            name="file"
            type="file"
            required
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "f-file-hint f-file-error" : "f-file-hint"}
            onChange={() => setTooLarge(false)}
          />
          {error && (
            <p className="error" id="f-file-error">
              {isMessageKey(error) ? t(error) : error}
            </p>
          )}
        </div>
        <button type="submit" className="primary">
          {t("import.upload")}
        </button>
      </Form>

      {imports.length > 0 && (
        <>
          <h2>{t("import.recent")}</h2>
          <p className="hint">{t("import.recentHint")}</p>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("import.recent")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.fileName")}</th>
                  <th scope="col">{t("import.uploadedAt")}</th>
                  <th scope="col">{t("import.state")}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <Link to={`/org/employees/import/${i.id}`}>{i.fileName}</Link>
                    </th>
                    <td>{formatDateTime(i.createdAt)}</td>
                    <td>{t(`import.status.${i.status}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
