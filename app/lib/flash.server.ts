import { redirect } from "react-router";
import { type Flash, parseFlash } from "./flash";

// One cookie, read and cleared by the shell's loader on the page the redirect leads to.
const NAME = "portal_flash";

function cookie(value: string, maxAge: number): string {
  return `${NAME}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`;
}

/** A redirect that shows `flash` in the message bar of the page it leads to. */
export function redirectWithFlash(to: string, flash: Flash): Response {
  const value = Buffer.from(JSON.stringify(flash), "utf8").toString("base64url");
  return redirect(to, { headers: { "Set-Cookie": cookie(value, 60) } });
}

/** The flash waiting for this request, if any, and the header that clears it. */
export function takeFlash(request: Request): { flash: Flash | null; clear?: string } {
  const header = request.headers.get("Cookie") ?? "";
  const match = header.match(/(?:^|;\s*)portal_flash=([A-Za-z0-9_-]{1,2000})/);
  if (!match) return { flash: null };
  let flash: Flash | null = null;
  try {
    flash = parseFlash(JSON.parse(Buffer.from(match[1], "base64url").toString("utf8")));
  } catch {
    flash = null;
  }
  return { flash, clear: cookie("", 0) };
}
