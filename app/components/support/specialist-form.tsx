// The specialist's profile form (new and existing): who they are, what help they give, how
// they meet (online with a link, in person at a place), the meeting length, the linked account.
import { Form } from "react-router";
import { kindKey } from "../../../modules/support/booking-labels.ts";
import { SUPPORT_KINDS } from "../../../modules/support/schema.ts";
import { useI18n } from "../../lib/i18n.tsx";
import {
  CheckboxField,
  CheckboxList,
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
  TextAreaField,
  useFieldError,
} from "../form.tsx";
import "./specialists.css";

export type AccountOption = { value: string; label: string };

export function useSpecialistLabels(): Record<string, string> {
  const { t } = useI18n();
  return {
    name: t("supportSpec.name"),
    title: t("supportSpec.title"),
    profile: t("supportSpec.profile"),
    provider: t("supportSpec.provider"),
    kinds: t("supportSpec.kinds"),
    online: t("supportSpec.modes"),
    inPerson: t("supportSpec.modes"),
    meetingLink: t("supportSpec.meetingLink"),
    place: t("supportSpec.place"),
    slotMinutes: t("supportSpec.slotMinutes"),
    active: t("supportSpec.active"),
    userId: t("supportSpec.userId"),
  };
}

/** Ticked checkboxes travel one value each; joined, they come back with a form's errors. */
export function joinKinds(form: FormData): void {
  form.set("kinds", form.getAll("kinds").map(String).join(" "));
}

/** A yes/no box sent as a hidden "false" followed by "on" when ticked; the later one wins. */
function ModeBox({
  name,
  label,
  checked,
  describedBy,
}: {
  name: string;
  label: string;
  checked: boolean;
  describedBy?: string;
}) {
  return (
    <div className="field-check">
      <input type="hidden" name={name} value="false" />
      <input
        type="checkbox"
        id={`f-${name}`}
        name={name}
        defaultChecked={checked}
        aria-describedby={describedBy}
      />
      <label htmlFor={`f-${name}`}>{label}</label>
    </div>
  );
}

export function SpecialistForm({
  state,
  initial,
  accounts,
  submitLabel,
}: {
  state: FormState;
  /** Stored values as the form sends them (kinds joined by spaces, boxes "on" / "false"). */
  initial?: Record<string, string>;
  accounts: AccountOption[];
  submitLabel: string;
}) {
  const { t } = useI18n();
  const labels = useSpecialistLabels();
  const error = useFieldError(state);
  const values = state?.values ?? initial ?? {};
  const isOn = (name: string, fallback: boolean) =>
    values[name] === undefined ? fallback : values[name] === "on";
  const modeError = error("online");
  return (
    <>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="support-specialist-form">
        <input type="hidden" name="intent" value="save" />
        <Field
          name="name"
          label={labels.name}
          required
          maxLength={200}
          state={state}
          defaultValue={initial?.name}
          autoComplete="off"
        />
        <Field
          name="title"
          label={labels.title}
          hint={t("supportSpec.titleHint")}
          maxLength={200}
          state={state}
          defaultValue={initial?.title}
        />
        <TextAreaField
          name="profile"
          label={labels.profile}
          hint={t("supportSpec.profileHint")}
          maxLength={2000}
          state={state}
          defaultValue={initial?.profile}
        />
        <Field
          name="provider"
          label={labels.provider}
          hint={t("supportSpec.providerHint")}
          maxLength={300}
          state={state}
          defaultValue={initial?.provider}
        />
        <CheckboxList
          name="kinds"
          legend={labels.kinds}
          state={state}
          checked={(initial?.kinds ?? "").split(" ").filter(Boolean)}
          options={SUPPORT_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))}
        />
        <fieldset
          className={`support-checks${modeError ? " field-invalid" : ""}`}
          aria-describedby={modeError ? "f-online-error" : undefined}
        >
          <legend>{labels.online}</legend>
          {modeError && (
            <p className="error" id="f-online-error">
              {modeError}
            </p>
          )}
          <ModeBox
            name="online"
            label={t("supportSpec.online")}
            checked={isOn("online", true)}
            describedBy={modeError ? "f-online-error" : undefined}
          />
          <ModeBox
            name="inPerson"
            label={t("supportSpec.inPerson")}
            checked={isOn("inPerson", false)}
          />
        </fieldset>
        <Field
          name="meetingLink"
          type="url"
          label={labels.meetingLink}
          hint={t("supportSpec.meetingLinkHint")}
          maxLength={1000}
          state={state}
          defaultValue={initial?.meetingLink}
        />
        <Field
          name="place"
          label={labels.place}
          hint={t("supportSpec.placeHint")}
          maxLength={300}
          state={state}
          defaultValue={initial?.place}
        />
        <Field
          name="slotMinutes"
          label={labels.slotMinutes}
          hint={t("supportSpec.slotMinutesHint")}
          inputMode="numeric"
          required
          state={state}
          defaultValue={initial?.slotMinutes ?? "50"}
        />
        <SelectField
          name="userId"
          label={labels.userId}
          hint={t("supportSpec.userIdHint")}
          state={state}
          defaultValue={initial?.userId ?? ""}
          placeholder={t("supportSpec.noAccountOption")}
          options={accounts}
        />
        <CheckboxField
          name="active"
          label={labels.active}
          hint={t("supportSpec.activeHint")}
          state={state}
          defaultChecked={initial ? initial.active === "on" : true}
        />
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
