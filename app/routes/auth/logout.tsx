import { redirect } from "react-router";
import { signOut } from "../../../modules/access/sign-in.ts";
import { withCookies } from "../../lib/server.ts";
import type { Route } from "./+types/logout";

export async function action({ request }: Route.ActionArgs) {
  return withCookies("/login", await signOut(request.headers));
}

export function loader() {
  return redirect("/");
}
