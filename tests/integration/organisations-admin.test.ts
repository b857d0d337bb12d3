import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog } from "../../db/schema";
import { actorFor } from "../support/portal";
import { usePortal } from "../support/fixtures";

const portal = usePortal();
const db = await getDb();
const chris = portal.person("chris@volta.example");

const { signedIn } = portal;
function decode(s: string) {
  return s
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/<!-- -->/g, "");
}
/** Page text without tags: what a person reads. */
function text(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

const DETAILS = { kind: "installer", region: "Baltics", tier: "silver", channelManagerId: "" };

/** A partner of the test's own, created through the form without a channel manager. */
async function newPartner() {
  const name = `Kaunas Heat ${randomUUID().slice(0, 6)}`;
  const res = await chris.post("/organisations/new", {
    name,
    ...DETAILS,
    "outlet.name": "Depot",
    "outlet.address": "Jonavos g. 60",
    "outlet.city": "Kaunas",
    "outlet.postalCode": "44192",
    "outlet.country": "Lithuania",
  });
  expect(res.status).toBe(302);
  const path = res.headers.get("location")!.split("?")[0];
  return { name, path, id: path.split("/").pop()! };
}

/** The partner's details form as the page offers it, with what the channel manager changes. */
function update(name: string, over: Record<string, string>) {
  return { intent: "update", name, ...DETAILS, ...over };
}

/** The channel managers the form offers, by name. */
async function channelManagerOptions(path: string) {
  const html = await (await chris.get(path)).text();
  const select = /<select[^>]*name="channelManagerId"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  return Object.fromEntries([...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [decode(m[2]), m[1]]));
}

async function updatesOf(orgId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "organisation.updated"), eq(auditLog.entityId, orgId)))
    .orderBy(auditLog.createdAt);
}

describe("partner administration", () => {
  it("assigns a channel manager from the list: the page names them, and the audit log records who did it, from and to", async () => {
    const partner = await newPartner();
    const options = await channelManagerOptions(partner.path);
    expect(Object.keys(options)).toEqual(expect.arrayContaining(["Chris Channel", "Dana Channel"]));
    expect(Object.keys(options)).not.toContain("Alice Admin");
    const dana = options["Dana Channel"];

    const res = await chris.post(partner.path, update(partner.name, { channelManagerId: dana }));
    expect(res.status).toBe(200);
    const page = text(await res.text());
    expect(page).toContain("Partner details saved.");
    expect(page).toContain("Channel manager: Dana Channel");

    const chrisActor = await actorFor("chris@volta.example");
    const [entry, ...more] = await updatesOf(partner.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      actorId: chrisActor.id,
      organisationId: partner.id,
      details: { channelManagerId: { from: null, to: dana } },
    });

    // The admin reads it in the audit log, with the partner's name.
    const log = text(await (await (await signedIn("admin@volta.example")).get("/admin/audit")).text());
    expect(log).toMatch(new RegExp(`Chris Channel organisation\\.updated ${partner.name}.*"channelManagerId"`));
  });

  it("edits a partner's tier: the badge changes, only the tier is recorded, and saving unchanged records nothing", async () => {
    const partner = await newPartner();
    const res = await chris.post(partner.path, update(partner.name, { tier: "gold" }));
    expect(res.status).toBe(200);
    const page = text(await res.text());
    expect(page).toContain("Partner details saved.");
    expect(page).toMatch(/Installer · Baltics · Gold/);
    expect((await updatesOf(partner.id)).map((e) => e.details)).toEqual([{ tier: { from: "silver", to: "gold" } }]);

    // Pressing save again with nothing changed: no empty entry in the audit log.
    expect((await chris.post(partner.path, update(partner.name, { tier: "gold" }))).status).toBe(200);
    expect(await updatesOf(partner.id)).toHaveLength(1);
  });

  it("refuses someone who is not a channel manager, a made-up id and an unknown tier, changing nothing", async () => {
    const partner = await newPartner();
    const sam = await actorFor("sam@northfield.example");
    const notCm = await chris.post(partner.path, update(partner.name, { channelManagerId: sam.id }));
    expect(notCm.status).toBe(400);
    const html = await notCm.text();
    // The message sits under the channel manager's list, which points to it.
    expect(decode(/<p id="([^"]+)"[^>]*>Choose a channel manager from the list\.<\/p>/.exec(html)?.[1] ?? "")).toBe(
      "org-channel-manager-error",
    );
    expect(html).toMatch(/<select[^>]*aria-describedby="[^"]*org-channel-manager-error/);
    const forged: Array<Record<string, string>> = [
      { channelManagerId: "-".repeat(36) },
      { channelManagerId: randomUUID() },
      { tier: "diamond" },
    ];
    for (const over of forged) {
      const res = await chris.post(partner.path, update(partner.name, over));
      expect(res.status, JSON.stringify(over)).toBe(400);
    }
    expect(await updatesOf(partner.id)).toHaveLength(0);
    expect(text(await (await chris.get(partner.path)).text())).toMatch(/Installer · Baltics · Silver/);
  });

  it("lets neither the partner's own executive nor finance change the tier", async () => {
    const emma = await actorFor("emma@northfield.example");
    const path = `/organisations/${emma.organisationId}`;
    for (const email of ["emma@northfield.example", "finance@volta.example"]) {
      const res = await (await signedIn(email)).post(
        path,
        update("Northfield Building Supplies", { tier: "platinum", region: "UK North" }),
      );
      expect(res.status, email).toBe(403);
    }
    expect(await updatesOf(emma.organisationId)).toHaveLength(0);
  });
});
