export const SESSION_COOKIE = "portal_session";

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    // A value that is not valid percent-encoding (`%`, `%zz`) is no cookie of ours: treat it as absent.
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

// HttpOnly keeps scripts away from the token; SameSite=Lax keeps other sites' forms from
// carrying it; Secure whenever the portal is reached over HTTPS.
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`, secure ? "Secure" : ""]
    .filter(Boolean)
    .join("; ");
}

export function clearSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", secure ? "Secure" : ""].filter(Boolean).join("; ");
}

export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** Marks a browser as a device its owner signed in on (see app/domain/auth/known-devices.server.ts). */
export const DEVICE_COOKIE = "portal_device";

export function deviceCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [`${DEVICE_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`, secure ? "Secure" : ""]
    .filter(Boolean)
    .join("; ");
}
