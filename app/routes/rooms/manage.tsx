// /rooms/manage — keeping the list of rooms (coordinators, administrators): every room with
// search, status filter, sorting and paging; adding one and changing one (names unique; a room
// with bookings to come is not switched off).
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { explainRoomError } from "../../../modules/support/room-messages.ts";
import { getRoom, listRooms, saveRoom } from "../../../modules/support/rooms.ts";
import { AppError } from "../../../platform/errors.ts";
import {
  CheckboxField,
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
  TextAreaField,
  useFieldError,
} from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/manage";
import "./rooms.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "rooms.manage");
  const url = new URL(request.url);
  const query = { status: "all", ...pageParams(url) };
  const edit = url.searchParams.get("edit");
  const [list, editing] = await Promise.all([
    listRooms(actor, query),
    edit ? load(() => getRoom(actor, edit)) : Promise.resolve(null),
  ]);
  return { list, editing };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "rooms.manage");
  const t = tOf(context);
  const form = await request.formData();
  return act(form, async (v) => {
    try {
      await saveRoom(actor, v.roomId || null, v);
    } catch (e) {
      if (e instanceof AppError) explainRoomError(t, e);
      throw e;
    }
    return redirect(`/rooms/manage?saved=1`);
  });
}

export default function ManageRooms() {
  const t = useT();
  const { list, editing } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const activeError = useFieldError(state)("active");
  const filtered = Boolean(list.q || list.status !== "all");
  const sortProps = { sort: list.sort, dir: list.dir };
  const labels = {
    name: t("rooms.name"),
    location: t("rooms.location"),
    capacity: t("rooms.capacity"),
    description: t("rooms.description"),
    active: t("rooms.active"),
  };
  return (
    <Page
      title={t("rooms.manageTitle")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/rooms", label: t("rooms.title") },
      ]}
      actions={
        <a className="button primary" href="#room-form">
          {t("rooms.new")}
        </a>
      }
    >
      {params.get("saved") && <Notice kind="success">{t("common.saved")}</Notice>}
      <SearchForm q={list.q} label={t("rooms.search")} clearTo={filtered && "/rooms/manage"}>
        <SelectField
          name="status"
          label={t("rooms.status")}
          defaultValue={list.status}
          options={[
            { value: "all", label: t("rooms.filterAll") },
            { value: "active", label: t("rooms.statusActive") },
            { value: "inactive", label: t("rooms.statusInactive") },
          ]}
        />
      </SearchForm>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>{t(filtered ? "rooms.noResults" : "rooms.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("rooms.manageTitle")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("rooms.name")} {...sortProps} />
                <SortHeader column="location" label={t("rooms.location")} {...sortProps} />
                <SortHeader column="capacity" label={t("rooms.capacity")} {...sortProps} />
                <th scope="col">{t("rooms.status")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/rooms/${r.id}`}>{r.name}</Link>
                  </th>
                  <td>{r.location || t("common.none")}</td>
                  <td className="num">{r.capacity}</td>
                  <td>{t(r.active ? "rooms.statusActive" : "rooms.statusInactive")}</td>
                  <td>
                    <Link
                      to={`/rooms/manage?edit=${r.id}#room-form`}
                      aria-label={t("rooms.editOf", { name: r.name })}
                    >
                      {t("common.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />

      <section aria-labelledby="h-room-form" id="room-form" className="card narrow">
        <h2 id="h-room-form">
          {editing ? t("rooms.editTitle", { name: editing.name }) : t("rooms.new")}
        </h2>
        <ErrorSummary state={state} labels={labels} />
        <Form method="post" noValidate key={editing?.id ?? "new"}>
          {editing && <input type="hidden" name="roomId" value={editing.id} />}
          <Field
            name="name"
            label={labels.name}
            required
            maxLength={200}
            state={state}
            defaultValue={editing?.name}
          />
          <Field
            name="location"
            label={labels.location}
            hint={t("rooms.locationHint")}
            maxLength={300}
            state={state}
            defaultValue={editing?.location}
          />
          <Field
            name="capacity"
            inputMode="numeric"
            label={labels.capacity}
            required
            state={state}
            defaultValue={String(editing?.capacity ?? 1)}
          />
          <TextAreaField
            name="description"
            label={labels.description}
            maxLength={1000}
            state={state}
            defaultValue={editing?.description}
          />
          <CheckboxField
            name="active"
            label={labels.active}
            hint={t("rooms.activeHint")}
            state={state}
            defaultChecked={editing?.active ?? true}
          />
          {activeError && (
            <p className="error" id="f-active-error">
              {activeError}
            </p>
          )}
          <div className="rooms-row-actions">
            <button type="submit" className="primary">
              {editing ? t("common.save") : t("rooms.add")}
            </button>
            {editing && <Link to="/rooms/manage">{t("common.cancel")}</Link>}
          </div>
        </Form>
      </section>
    </Page>
  );
}
