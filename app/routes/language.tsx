import { redirect } from "react-router";
import { setLocale } from "../../modules/access/profile.ts";
import { isLocale, localeCookie } from "../../platform/i18n.ts";
import { ctx, safeNext } from "../lib/server.ts";
import type { Route } from "./+types/language";

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = String(form.get("lang") ?? "");
  const back = safeNext(String(form.get("redirectTo") ?? "/"));
  if (!isLocale(lang)) return redirect(back);
  const actor = ctx(context).actor;
  if (actor) await setLocale(actor, lang);
  return redirect(back, {
    headers: {
      "Set-Cookie": localeCookie(lang),
    },
  });
}

export function loader() {
  return redirect("/");
}
