// The upload route's own body limit (server/app.ts): a staff file may be up to 10 MB, and a
// bigger request is refused before it is buffered, with a page naming the limit.
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "../../../platform/config.ts";
import { MAX_SPREADSHEET_BYTES } from "../../../platform/spreadsheet.ts";
import { openTestDatabase } from "../../../platform/testing.ts";
import { createApp } from "../../../server/app.ts";

const ORIGIN = "http://localhost";
const noPages = (): ServerBuild => {
  throw new Error("no pages in this test");
};

/** A body of `total` bytes that counts how much of it was read. */
function countedBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read.bytes >= total) return controller.close();
      read.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, read };
}

describe("staff upload body limit", () => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    d = await openTestDatabase("pglite");
    app = createApp({ mode: "production", build: noPages });
  });
  afterAll(() => d.drop());

  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: "POST",
      body,
      headers: { origin: ORIGIN, "content-type": "multipart/form-data; boundary=x", ...headers },
      duplex: "half",
    } as RequestInit);

  it("refuses a declared 50 MB upload at once, naming the 10 MB limit", async () => {
    const { stream, read } = countedBody(50 * 1024 * 1024);
    const res = await post("/org/employees/import", stream, {
      "content-length": String(50 * 1024 * 1024),
      "accept-language": "pl",
    });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain("Plik jest za duży (maks. 10 MB).");
    expect(html).toContain('lang="pl"');
    // Refused on the header: at most what the stream had buffered ahead, not the 50 MB.
    expect(read.bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it("cuts off an upload without a length once it passes the limit", async () => {
    const { stream, read } = countedBody(50 * 1024 * 1024);
    const res = await post("/org/employees/import.data", stream, { "accept-language": "en" });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("The file is too large (max. 10 MB).");
    expect(read.bytes).toBeLessThan(MAX_SPREADSHEET_BYTES + 3 * 1024 * 1024);
  });

  it("lets a file over the general limit through to the import page, and only there", async () => {
    const size = config().BODY_LIMIT_BYTES * 2;
    const toImport = await post("/org/employees/import", new Uint8Array(size).fill(0x61));
    // Past the limit: the page itself answers (here with no pages built, an error).
    expect(toImport.status).not.toBe(413);
    const elsewhere = await post("/org/employees/new", new Uint8Array(size).fill(0x61));
    expect(elsewhere.status).toBe(413);
  });
});
