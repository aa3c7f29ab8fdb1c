// The booking pages (/support and the crisis link's page) share the booking action: the form's
// slot is booked, and the person goes to "Moje konsultacje"; a refusal comes back with its
// message next to the field, and a slot taken meanwhile with other free slots to pick.
import { data, type RouterContextProvider, redirect } from "react-router";
import type { Actor } from "../../../modules/access/actor.ts";
import {
  type Alternative,
  bookSupport,
  isSlotTaken,
  PackageLimitError,
} from "../../../modules/support/book.ts";
import { AppError, type FieldErrors } from "../../../platform/errors.ts";
import { formToObject } from "../../../platform/validation.ts";
import { t as tOf } from "../../lib/server.ts";

export type BookingResult = {
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
  alternatives?: Alternative[];
};

export async function bookFromForm(
  context: Readonly<RouterContextProvider>,
  actor: Actor,
  form: FormData,
  extra: { crisisToken?: string } = {},
) {
  const v = formToObject(form);
  try {
    await bookSupport(actor, {
      kind: v.kind,
      specialistId: v.specialistId,
      startsAt: v.startsAt,
      mode: v.mode,
      crisisToken: extra.crisisToken,
    });
    return redirect("/support/my?booked=1");
  } catch (e) {
    if (e instanceof PackageLimitError) {
      // The count in the reader's language: "used 6 of 6".
      e.fieldErrors.kind = tOf(context)("supportBook.error.packageCount", {
        used: e.used,
        limit: e.limit,
      });
    }
    if (e instanceof AppError && (e.code === "conflict" || e.code === "validation")) {
      return data<BookingResult>(
        {
          fieldErrors: e.fieldErrors,
          values: v,
          alternatives: isSlotTaken(e) ? e.alternatives : undefined,
        },
        { status: 422 },
      );
    }
    if (e instanceof AppError) throw data(null, { status: e.status });
    throw e;
  }
}
