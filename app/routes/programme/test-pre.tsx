// /programme/:id/test/pre — the participant's pre-test (see test-stage.server.ts).
import { TestSheetPage } from "../../components/programme/test-sheet.tsx";
import type { Route } from "./+types/test-pre";
import { stageAction, stageLoader } from "./test-stage.server.ts";

export const loader = (args: Route.LoaderArgs) => stageLoader("pre", args);
export const action = (args: Route.ActionArgs) => stageAction("pre", args);

export default TestSheetPage;
