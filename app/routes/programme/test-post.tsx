// /programme/:id/test/post — the participant's post-test (see test-stage.server.ts).
import { TestSheetPage } from "../../components/programme/test-sheet.tsx";
import type { Route } from "./+types/test-post";
import { stageAction, stageLoader } from "./test-stage.server.ts";

export const loader = (args: Route.LoaderArgs) => stageLoader("post", args);
export const action = (args: Route.ActionArgs) => stageAction("post", args);

export default TestSheetPage;
