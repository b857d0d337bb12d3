import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Secrets in queued mail (reset and invitation links, digital reward codes) are kept out of
 * the readable props: the outbox row holds the masked props that admins may see, plus the real
 * values under SEALED, encrypted with AES-256-GCM. Only the delivery job opens them, and the
 * database drops SEALED when a row stops being pending (migration 0011). See decision 007.
 */
export const SEALED = "$sealed";
export const HIDDEN = "••••••••";

/** Masks a link's last path segment (the token) and keeps the rest, so the admin still sees where it leads. */
export function maskLink(url: string): string {
  const cut = url.lastIndexOf("/");
  return cut >= 0 ? `${url.slice(0, cut + 1)}${HIDDEN}` : HIDDEN;
}

let cachedKey: { source: string; key: Buffer } | undefined;

function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, "hex");
  const b64 = Buffer.from(trimmed, "base64");
  return b64.length === 32 ? b64 : null;
}

/**
 * OUTBOX_SECRET_KEY (32 bytes, base64 or hex) when set; otherwise a key generated once into
 * OUTBOX_SECRET_KEY_FILE (default data/outbox-secret.key), which suits the single-machine demo.
 * Every process that delivers mail must see the same key.
 */
function outboxKey(): Buffer {
  const env = process.env.OUTBOX_SECRET_KEY;
  const file = process.env.OUTBOX_SECRET_KEY_FILE ?? path.join("data", "outbox-secret.key");
  const source = env ? `env:${env}` : `file:${file}`;
  if (cachedKey?.source === source) return cachedKey.key;
  let key: Buffer | null;
  if (env) {
    key = parseKey(env);
    if (!key) throw new Error("OUTBOX_SECRET_KEY must be 32 bytes, as base64 or 64 hex digits");
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": of two processes starting together, one writes and both read the same key.
      writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    key = parseKey(readFileSync(file, "utf8"));
    if (!key) throw new Error(`${file} does not hold a 32-byte key`);
  }
  cachedKey = { source, key };
  return key;
}

/**
 * HMAC-SHA-256 under the outbox key, for short secrets kept only as a digest (sign-in codes):
 * a million possible codes would fall to a plain hash at once, not to a keyed one without the key.
 */
export function keyedDigest(text: string): string {
  return createHmac("sha256", outboxKey()).update(text).digest("hex");
}

/** "v1.<iv>.<ciphertext+tag>" in base64url; the template name is bound as associated data. */
function encrypt(plain: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", outboxKey(), iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

function decrypt(sealed: string, aad: string): string {
  const [version, iv, body] = sealed.split(".");
  if (version !== "v1" || !iv || !body) throw new Error("sealed email props in an unknown format");
  const bytes = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", outboxKey(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    // Wrong key (rotated, or another process configured differently): the job records this and retries.
    throw new Error("cannot open this email's sealed props: OUTBOX_SECRET_KEY differs from the one it was queued with");
  }
}

/** Which props of a template are secret, and how each is shown masked. */
export type SecretProps<P> = { [K in keyof P]?: (value: P[K]) => P[K] };

/** What the outbox stores: masked props, the real secret values sealed under SEALED. */
export function sealProps(
  template: string,
  props: Record<string, unknown>,
  secret: Record<string, ((v: never) => unknown) | undefined> | undefined,
): Record<string, unknown> {
  const keys = Object.keys(secret ?? {}).filter((k) => props[k] !== undefined);
  if (keys.length === 0) return props;
  const stored: Record<string, unknown> = { ...props };
  const hidden: Record<string, unknown> = {};
  for (const k of keys) {
    hidden[k] = props[k];
    stored[k] = secret![k]!(props[k] as never);
  }
  stored[SEALED] = encrypt(JSON.stringify(hidden), template);
  return stored;
}

/** The props a mail is sent with: the masked ones with the sealed values put back. */
export function openProps(template: string, stored: Record<string, unknown>): Record<string, unknown> {
  const { [SEALED]: sealed, ...rest } = stored;
  if (typeof sealed !== "string") return rest;
  return { ...rest, ...(JSON.parse(decrypt(sealed, template)) as Record<string, unknown>) };
}

/** The props an admin may see: masked, never the sealed values. */
export function maskedProps(stored: Record<string, unknown>): Record<string, unknown> {
  const { [SEALED]: _sealed, ...rest } = stored;
  return rest;
}
