import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Where uploaded files live: one store for every process. A local directory (UPLOAD_DIR, default
 * data/uploads) for a single server, or an S3-compatible bucket (S3_BUCKET and friends) when
 * several processes or machines serve the portal, since each must read what another stored.
 * Keys are relative paths chosen by the caller ("claims/<random>.jpg"); the store never decides
 * who may read a file, the route in front of it does.
 */
export interface FileStore {
  readonly kind: "local" | "s3";
  /** Writes a new object; the caller picks unguessable keys, so an existing key is a bug. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none under this key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the object; removing one that is not there is not an error. */
  remove(key: string): Promise<void>;
}

export type S3Settings = { bucket: string; endpoint?: string; region: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };

/** The S3 settings from the environment, or null when S3_BUCKET is not set (local directory). */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): S3Settings | null {
  if (!env.S3_BUCKET) return null;
  return {
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION || "us-east-1",
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "1" || env.S3_FORCE_PATH_STYLE === "true",
  };
}

/** Keys are ours, but a path must never climb out of the upload directory whatever it is given. */
function checkedKey(key: string): string {
  if (!/^[a-z0-9-]+(\/[A-Za-z0-9._-]+)+$/.test(key) || key.split("/").some((part) => part === "." || part === "..")) {
    throw new Error(`not a storage key: ${key}`);
  }
  return key;
}

export function localStore(root: string): FileStore {
  const file = (key: string) => path.join(root, ...checkedKey(key).split("/"));
  return {
    kind: "local",
    async put(key, bytes) {
      await mkdir(path.dirname(file(key)), { recursive: true });
      await writeFile(file(key), bytes, { flag: "wx" });
    },
    async get(key) {
      try {
        return await readFile(file(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async remove(key) {
      await rm(file(key), { force: true });
    },
  };
}

export async function s3Store(settings: S3Settings): Promise<FileStore> {
  const { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand } = await import("@aws-sdk/client-s3");
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
  });
  return {
    kind: "s3",
    async put(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: checkedKey(key), Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: checkedKey(key) }));
        return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : null;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404) return null;
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: checkedKey(key) }));
    },
  };
}

// Built once per configuration (the S3 client keeps its connections); a changed environment
// (tests switch stores) builds a new one. Configuration only, no data: safe per process.
let current: { config: string; store: Promise<FileStore> } | undefined;

/** The configured store: S3 when S3_BUCKET is set, else the UPLOAD_DIR directory. */
export function fileStore(): Promise<FileStore> {
  const s3 = s3SettingsFromEnv();
  const root = path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");
  const config = JSON.stringify(s3 ?? { root });
  if (current?.config !== config) current = { config, store: s3 ? s3Store(s3) : Promise.resolve(localStore(root)) };
  return current.store;
}
