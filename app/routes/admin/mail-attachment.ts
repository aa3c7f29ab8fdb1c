// GET /admin/mail/:id/attachments/:attachmentId — an attachment of a message in the mail log
// (a calendar invitation), as the file that was, or would have been, sent.
import { mailAttachmentFile } from "../../../modules/access/admin-logs.ts";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/mail-attachment";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "mail.log.view");
  const file = await load(() => mailAttachmentFile(actor, params.id, params.attachmentId));
  // The stored name is ours (no quotes or line breaks); kept ASCII for every browser.
  const name = file.fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(file.content, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
