import { Form } from "react-router";
import { UNIT_KINDS } from "../../modules/org/schema.ts";
import type { MessageKey } from "../../platform/i18n.ts";
import { useT } from "../lib/i18n.tsx";
import { ErrorSummary, Field, type FormState, SelectField } from "./form.tsx";

export function UnitForm({
  state,
  units,
  initial,
}: {
  state: FormState;
  units: { id: string; name: string; depth: number }[];
  initial?: { name: string; kind: string; parentId: string | null };
}) {
  const t = useT();
  const labels = { name: t("unit.name"), kind: t("unit.kind"), parentId: t("unit.parent") };
  return (
    <>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="narrow">
        <input type="hidden" name="intent" value="save" />
        <Field
          name="name"
          label={labels.name}
          required
          state={state}
          defaultValue={initial?.name}
        />
        <SelectField
          name="kind"
          label={labels.kind}
          required
          state={state}
          defaultValue={initial?.kind ?? "team"}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unit.kind.${k}` as MessageKey) }))}
        />
        <SelectField
          name="parentId"
          label={labels.parentId}
          state={state}
          defaultValue={initial?.parentId ?? ""}
          placeholder={t("unit.noParent")}
          options={units.map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
        />
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </Form>
    </>
  );
}
