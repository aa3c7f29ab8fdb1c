import { Form } from "react-router";
import { useT } from "../lib/i18n.tsx";
import { CheckboxField, ErrorSummary, Field, type FormState, SelectField } from "./form.tsx";

export type EmployeeFormOptions = {
  units: { id: string; name: string; depth: number }[];
  positions: { id: string; name: string }[];
};

export function EmployeeForm({
  state,
  options,
  initial,
}: {
  state: FormState;
  options: EmployeeFormOptions;
  initial?: {
    firstName: string;
    lastName: string;
    email: string;
    employeeNumber: string;
    unitId: string | null;
    positionId: string | null;
    employmentStart: string | null;
    active: boolean;
  };
}) {
  const t = useT();
  const labels = {
    firstName: t("employee.firstName"),
    lastName: t("employee.lastName"),
    email: t("employee.email"),
    employeeNumber: t("employee.number"),
    unitId: t("employee.unit"),
    positionId: t("employee.position"),
    employmentStart: t("employee.start"),
  };
  return (
    <>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="narrow">
        <input type="hidden" name="intent" value="save" />
        <Field
          name="firstName"
          label={labels.firstName}
          required
          state={state}
          defaultValue={initial?.firstName}
          autoComplete="off"
        />
        <Field
          name="lastName"
          label={labels.lastName}
          required
          state={state}
          defaultValue={initial?.lastName}
          autoComplete="off"
        />
        <Field
          name="email"
          type="email"
          label={labels.email}
          required
          state={state}
          defaultValue={initial?.email}
          autoComplete="off"
        />
        <Field
          name="employeeNumber"
          label={labels.employeeNumber}
          required
          state={state}
          defaultValue={initial?.employeeNumber}
        />
        <SelectField
          name="unitId"
          label={labels.unitId}
          state={state}
          defaultValue={initial?.unitId}
          placeholder={t("position.choose")}
          options={options.units.map((u) => ({
            value: u.id,
            label: `${"— ".repeat(u.depth)}${u.name}`,
          }))}
        />
        <SelectField
          name="positionId"
          label={labels.positionId}
          state={state}
          defaultValue={initial?.positionId}
          placeholder={t("position.choose")}
          options={options.positions.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Field
          name="employmentStart"
          type="date"
          label={labels.employmentStart}
          state={state}
          defaultValue={initial?.employmentStart}
        />
        <CheckboxField
          name="active"
          label={t("employee.active")}
          hint={t("employee.activeHint")}
          state={state}
          defaultChecked={initial?.active ?? true}
        />
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </Form>
    </>
  );
}
