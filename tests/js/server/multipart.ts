//! A small multipart/form-data parser (RFC 7578): text fields and file parts from a buffered body.

/** One part: its form name, its filename when it is a file, its content type and bytes. */
export interface Part {
  readonly name: string;
  readonly filename: string | undefined;
  readonly contentType: string;
  readonly data: Buffer;
}

/** The boundary of a `multipart/form-data; boundary=...` content type, if it is one. */
export function boundaryOf(
  contentType: string | undefined,
): string | undefined {
  if (
    contentType === undefined ||
    !/^multipart\/form-data\s*;/i.test(contentType)
  )
    return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        line.slice(colon + 1).trim(),
      );
  }
  return headers;
}

/** A `Content-Disposition` parameter (`name="..."`), with `\"` and `%22` unescaped. */
function dispositionParam(
  disposition: string,
  key: string,
): string | undefined {
  const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(
    disposition,
  );
  return match?.[1]?.replace(/\\(.)/g, "$1").replace(/%22/g, '"');
}

/** Splits `body` on `boundary`; throws on a malformed body (no closing delimiter, part without a name). */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw new Error("multipart: no opening boundary");
  for (;;) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--")
      return parts;
    const headerStart = afterDelimiter + 2; // skip CRLF after the delimiter
    const headerEnd = body.indexOf("\r\n\r\n", headerStart);
    if (headerEnd < 0) throw new Error("multipart: unterminated part headers");
    const next = body.indexOf(
      Buffer.concat([Buffer.from("\r\n"), delimiter]),
      headerEnd + 4,
    );
    if (next < 0) throw new Error("multipart: no closing boundary");
    const headers = parseHeaders(
      body.subarray(headerStart, headerEnd).toString("utf8"),
    );
    const disposition = headers.get("content-disposition") ?? "";
    const name = dispositionParam(disposition, "name");
    if (name === undefined) throw new Error("multipart: part without a name");
    parts.push({
      name,
      filename: dispositionParam(disposition, "filename"),
      contentType: headers.get("content-type") ?? "text/plain",
      data: Buffer.from(body.subarray(headerEnd + 4, next)),
    });
    start = next + 2;
  }
}
