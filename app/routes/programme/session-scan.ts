// GET /programme/sessions/:id/scan — the signed attendance sheet's scan, as it was uploaded.
import {
  attachmentDisposition,
  SCAN_TYPES,
  sessionScanFile,
} from "../../../modules/programme/session-scan.ts";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/session-scan";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.attendance");
  const file = await load(() => sessionScanFile(actor, params.id));
  // A view of the stored bytes, not a copy: a scan may be 20 MB.
  return new Response(
    new Uint8Array(file.body.buffer as ArrayBuffer, file.body.byteOffset, file.body.byteLength),
    {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": attachmentDisposition(
          file.fileName,
          `lista-obecnosci.${SCAN_TYPES[file.contentType]}`,
        ),
        "Content-Length": String(file.body.byteLength),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    },
  );
}
