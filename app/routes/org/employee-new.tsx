import { redirect, useActionData, useLoaderData } from "react-router";
import { listPositions } from "../../../modules/org/catalogue.ts";
import { saveEmployee } from "../../../modules/org/employees.ts";
import { listUnits } from "../../../modules/org/units.ts";
import { EmployeeForm } from "../../components/employee-form.tsx";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/employee-new";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "employees.manage");
  const [units, positions] = await Promise.all([listUnits(actor), listPositions(actor)]);
  return { units, positions };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "employees.manage");
  return act(await request.formData(), async (v) => {
    const id = await saveEmployee(actor, null, v);
    return redirect(`/org/employees/${id}?saved=1`);
  });
}

export default function NewEmployee() {
  const t = useT();
  const options = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <Page
      title={t("employee.new")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/org/employees", label: t("nav.employees") },
      ]}
    >
      <EmployeeForm state={state} options={options} />
    </Page>
  );
}
