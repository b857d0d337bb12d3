import { createHash } from "node:crypto";

/**
 * An uploaded picture (reward or lesson). Its address holds a random id and the bytes under an id
 * never change, so browsers keep it for a year without asking; the ETag is the hash of the bytes,
 * so a browser that does ask (a reload) gets a 304 without the picture again.
 */
export function imageResponse(request: Request, image: { data: Uint8Array; contentType: string }, extra: Record<string, string> = {}) {
  const etag = `"${createHash("sha256").update(image.data).digest("base64url").slice(0, 32)}"`;
  const headers = {
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    ...extra,
  };
  const match = request.headers.get("If-None-Match");
  if (match && match.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.data), { headers: { ...headers, "Content-Type": image.contentType } });
}
