// A results export as a download: never cached, with an ASCII file name (fileSlug).
import type { ExportFile } from "../../../modules/survey/export-common.ts";

export function fileResponse(file: ExportFile): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
