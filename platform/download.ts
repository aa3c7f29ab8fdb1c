// A file a page or the API hands out (an export, a PDF), whatever made it: the route sends
// its bytes under its name, with its media type.
export type DownloadFile = { body: Buffer; fileName: string; contentType: string };

/**
 * The file as an HTTP download: saved under its name (ours, plain ASCII: see fileSlug), never
 * kept in a cache (exports hold personal data), its type never second-guessed by the browser.
 */
export function downloadResponse(file: DownloadFile): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
