import { existsSync } from "node:fs";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { claimForm, daysAgo, pngImage, submitNew } from "../support/claims";
import { startS3 } from "../support/s3";
import { usePortal } from "../support/fixtures";

const BUCKET = "portal-uploads";
let s3: Awaited<ReturnType<typeof startS3>>;
const portal = usePortal();
const db = await getDb();
let client: S3Client;
const marta = portal.person("marta@baltictools.example");

beforeAll(async () => {
  s3 = await startS3(BUCKET);
  // The portal in this process reads the store settings from the environment on each upload.
  Object.assign(process.env, s3.env);
  client = new S3Client({
    region: "us-east-1",
    endpoint: s3.env.S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
  for (const k of Object.keys(s3?.env ?? {})) delete process.env[k];
});

const keysInBucket = async () => ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key);
const storedNameOf = async (claimId: string) =>
  ((await db.execute(sql`select stored_name from claim_files where claim_id = ${claimId}`)) as unknown as Array<{ stored_name: string }>)[0]
    .stored_name;

describe("uploads in S3-compatible object storage", () => {
  it("keeps claim evidence in the bucket, serves it back over HTTP, and removes it with a deleted draft", async () => {
    const photo = pngImage(120, 160);
    const form = claimForm({
      intent: "draft",
      invoice: "S3-DRAFT-1",
      date: "",
      lines: [{ sku: "VT-LD50", qty: 1 }],
      file: new File([new Uint8Array(photo)], "invoice.png", { type: "image/png" }),
    });
    const saved = await marta.post("/claims/new", form);
    expect(saved.status).toBe(302);
    const draftId = saved.headers.get("location")!.match(/\/claims\/([0-9a-f-]{36})\/edit/)![1];
    const key = `claims/${await storedNameOf(draftId)}`;

    // In the bucket, byte for byte, with its type; nothing in the local upload folder.
    expect(await keysInBucket()).toContain(key);
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(object.ContentType).toBe("image/png");
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(photo)).toBe(true);
    expect(existsSync(path.join(process.env.UPLOAD_DIR!, "claims"))).toBe(false);

    // Read back through the portal, as the claimant's phone does.
    const served = await marta.get(`/claims/${draftId}/evidence`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);

    const gone = await marta.post(`/claims/${draftId}/edit`, { intent: "delete" });
    expect(gone.headers.get("location")).toBe("/claims?deleted=1");
    expect(await keysInBucket()).not.toContain(key);
  });

  it("serves a submitted claim's file from the bucket, and a missing object as not found rather than an error", async () => {
    const id = await submitNew(marta, claimForm({ invoice: "S3-INV-2", date: daysAgo(1), lines: [{ sku: "VT-LD50", qty: 1 }] }));
    const first = await marta.get(`/claims/${id}/evidence`);
    expect(first.status).toBe(200);
    expect(Buffer.from(await first.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    // The object vanishes from the bucket (an operator's mistake, a lifecycle rule): a 404, not a 500.
    const { DeleteObjectCommand } = await import("@aws-sdk/client-s3");
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `claims/${await storedNameOf(id)}` }));
    expect((await marta.get(`/claims/${id}/evidence`)).status).toBe(404);
  });
});
