// The pre- and post-test pages share everything but the stage: the sheet for the participant,
// and a submission read from the form (every checked option of every question), with its
// errors sent back together with what was checked.
import { data, type RouterContextProvider, redirect } from "react-router";
import type { TestStage } from "../../../modules/programme/schema.ts";
import { submitTest, testForParticipant } from "../../../modules/programme/take-test.ts";
import { AppError } from "../../../platform/errors.ts";
import type { TestSheetResult } from "../../components/programme/test-sheet.tsx";
import { load, requirePage } from "../../lib/server.ts";

type Args = {
  context: Readonly<RouterContextProvider>;
  request: Request;
  params: { id: string };
};

export async function stageLoader(stage: TestStage, { context, request, params }: Args) {
  const actor = requirePage(context, request, "programme.enrol");
  const view = await load(() => testForParticipant(actor, params.id, stage));
  const url = new URL(request.url);
  return { ...view, done: url.searchParams.has("done"), refused: url.searchParams.has("refused") };
}

export async function stageAction(stage: TestStage, { context, request, params }: Args) {
  const actor = requirePage(context, request, "programme.enrol");
  const form = await request.formData();
  const answers: Record<string, string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("q-")) answers[key.slice(2)] = form.getAll(key).map(String);
  }
  try {
    await submitTest(actor, params.id, stage, answers);
  } catch (e) {
    if (e instanceof AppError && e.code === "validation") {
      return data<TestSheetResult>({ fieldErrors: e.fieldErrors, answers }, { status: 422 });
    }
    // Sent twice, or too late: the page, loaded afresh, shows the score or why not.
    if (e instanceof AppError && e.code === "conflict") {
      return redirect(`/programme/${params.id}/test/${stage}?refused=1`);
    }
    if (e instanceof AppError) throw data(null, { status: e.status });
    throw e;
  }
  return redirect(`/programme/${params.id}/test/${stage}?done=1`);
}
