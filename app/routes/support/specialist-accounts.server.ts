// The specialist form's account choices: each account with the specialist role, and which
// specialist it is linked to already (choosing that one is refused with a message).
import type { T } from "../../../platform/i18n.ts";

export function accountOptions(
  t: T,
  accounts: {
    id: string;
    name: string;
    email: string;
    specialistId: string | null;
    specialistName: string | null;
  }[],
  currentSpecialistId: string | null,
) {
  return accounts.map((a) => {
    const account = `${a.name} (${a.email})`;
    const linkedElsewhere = a.specialistId && a.specialistId !== currentSpecialistId;
    return {
      value: a.id,
      label: linkedElsewhere
        ? t("supportSpec.accountLinkedTo", { account, name: a.specialistName ?? "" })
        : account,
    };
  });
}
