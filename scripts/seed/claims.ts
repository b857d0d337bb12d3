import { deflateSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { claims, multiplierRates, organisations, outlets, products, users } from "../../db/schema";
import type { PartnerRole, Role, Tier } from "../../db/schema/enums";
import { BEGINNING, createProduct } from "../../app/domain/claims/products.server";
import { saveDraft, submitClaim } from "../../app/domain/claims/claims.server";
import type { RawClaim } from "../../app/domain/claims/forms";
import { approveClaim, rejectClaim, requestInformation } from "../../app/domain/claims/review.server";
import { acceptForDemo } from "../../app/domain/enrolment/participation.server";
import { createPromotion } from "../../app/domain/claims/rules.server";
import { createEarningRule } from "../../app/domain/rules/rules.server";
import { earningRuleSchema } from "../../app/domain/rules/forms";
import { isoDate } from "../../app/domain/claims/shared";
import type { Actor } from "../../app/lib/actor";
import { actorByEmail } from "../../app/domain/auth/actor.server";
import { hashPassword } from "../../app/lib/password.server";
import { DEMO_PASSWORD } from "./foundation";
import { addDays } from "../../app/lib/dates";
import { parseMoney } from "../../app/lib/money";

/**
 * The demo catalogue, points rules and a few months of sales claims in every state: approved
 * (with their points in the ledger), rejected, sent back with a question, waiting for the
 * channel manager (two of them flagged), waiting for a partner manager's check, and a draft.
 * Everything goes through the same domain functions as the portal. Idempotent: nothing happens
 * when the catalogue exists.
 */
const CATALOGUE = [
  {
    sku: "VT-DR18",
    name: "Volta DR18 cordless drill",
    category: "Drills",
    pointsPerUnit: 120,
    requiresSerial: true,
    listPrice: "149.00",
    tip: "The DR18 takes every Volta 18 V battery, so your customers' old packs still fit.",
  },
  {
    sku: "VT-DR18-K2",
    name: "Volta DR18 drill kit, 2 batteries",
    category: "Drills",
    pointsPerUnit: 180,
    requiresSerial: true,
    listPrice: "229.00",
    tip: null,
  },
  {
    sku: "VT-HD36",
    name: "Volta HD36 hammer drill",
    category: "Drills",
    pointsPerUnit: 260,
    requiresSerial: true,
    listPrice: "389.00",
    tip: "The HD36 drills 16 mm into concrete on one charge for 120 holes.",
  },
  {
    sku: "VT-ID18",
    name: "Volta ID18 impact driver",
    category: "Drills",
    pointsPerUnit: 110,
    requiresSerial: true,
    listPrice: "139.00",
    tip: null,
  },
  {
    sku: "VT-AG125",
    name: "Volta AG125 angle grinder",
    category: "Grinders",
    pointsPerUnit: 90,
    requiresSerial: true,
    listPrice: "119.00",
    tip: "The AG125 brake stops the disc in under two seconds: a strong point for site safety officers.",
  },
  {
    sku: "VT-AG230",
    name: "Volta AG230 large angle grinder",
    category: "Grinders",
    pointsPerUnit: 140,
    requiresSerial: true,
    listPrice: "199.00",
    tip: null,
  },
  {
    sku: "VT-CS190",
    name: "Volta CS190 circular saw",
    category: "Saws",
    pointsPerUnit: 150,
    requiresSerial: true,
    listPrice: "219.00",
    tip: null,
  },
  { sku: "VT-JS18", name: "Volta JS18 jigsaw", category: "Saws", pointsPerUnit: 95, requiresSerial: true, listPrice: "129.00", tip: null },
  {
    sku: "VT-MS254",
    name: "Volta MS254 mitre saw",
    category: "Saws",
    pointsPerUnit: 320,
    requiresSerial: true,
    listPrice: "459.00",
    tip: "The MS254 laser guide is the feature kitchen fitters ask about first.",
  },
  {
    sku: "VT-B18-20",
    name: "Volta 18 V battery 2.0 Ah",
    category: "Batteries",
    pointsPerUnit: 25,
    requiresSerial: false,
    listPrice: "49.00",
    tip: null,
  },
  {
    sku: "VT-B18-50",
    name: "Volta 18 V battery 5.0 Ah",
    category: "Batteries",
    pointsPerUnit: 45,
    requiresSerial: false,
    listPrice: "89.00",
    tip: "A 5.0 Ah pack runs a grinder about twice as long as a 2.0 Ah one; suggest it with every grinder.",
  },
  {
    sku: "VT-CH18",
    name: "Volta 18 V fast charger",
    category: "Batteries",
    pointsPerUnit: 20,
    requiresSerial: false,
    listPrice: "39.00",
    tip: null,
  },
  {
    sku: "VT-LL360",
    name: "Volta LL360 line laser",
    category: "Measuring",
    pointsPerUnit: 130,
    requiresSerial: true,
    listPrice: "179.00",
    tip: null,
  },
  {
    sku: "VT-LD50",
    name: "Volta LD50 laser distance meter",
    category: "Measuring",
    pointsPerUnit: 40,
    requiresSerial: false,
    listPrice: "59.00",
    tip: null,
  },
  {
    sku: "VT-BIT32",
    name: "Volta 32-piece bit set",
    category: "Accessories",
    pointsPerUnit: 8,
    requiresSerial: false,
    listPrice: "19.90",
    tip: null,
  },
  {
    sku: "VT-DISC10",
    name: "Volta cutting discs, pack of 10",
    category: "Accessories",
    pointsPerUnit: 5,
    requiresSerial: false,
    listPrice: "12.50",
    tip: null,
  },
  {
    sku: "VT-BLADE-W",
    name: "Volta wood saw blade 190 mm",
    category: "Accessories",
    pointsPerUnit: 6,
    requiresSerial: false,
    listPrice: "24.00",
    tip: null,
  },
  {
    sku: "VT-OLD-DR12",
    name: "Volta DR12 drill (discontinued)",
    category: "Drills",
    pointsPerUnit: 60,
    requiresSerial: true,
    listPrice: "99.00",
    tip: null,
    active: false,
  },
];

/**
 * The demo claims belong to two partners of their own, added here, so that the foundation's
 * partners and people (whom many tests use) start with no claims and no points from them.
 */
const DEMO_PARTNERS: Array<{
  name: string;
  kind: "dealer" | "distributor";
  tier: Tier;
  region: string;
  manager: string;
  outlet: { name: string; address: string; city: string; postalCode: string; country: string };
  people: Array<{ name: string; email: string; role: Role }>;
}> = [
  {
    name: "Nordic Tool Centre",
    kind: "dealer",
    tier: "gold",
    region: "Nordics",
    manager: "dana@volta.example",
    outlet: { name: "Stockholm store", address: "Hornsgatan 102", city: "Stockholm", postalCode: "118 21", country: "Sweden" },
    people: [
      { name: "Sofia Lind", email: "sofia@nordictool.example", role: "executive" },
      { name: "Erik Holm", email: "erik@nordictool.example", role: "manager" },
      { name: "Maja Berg", email: "maja@nordictool.example", role: "salesperson" },
      { name: "Lars Nyberg", email: "lars@nordictool.example", role: "salesperson" },
      { name: "Nils Ek", email: "nils@nordictool.example", role: "technician" },
    ],
  },
  {
    name: "Alpine Werkzeug",
    kind: "distributor",
    tier: "silver",
    region: "DACH",
    manager: "chris@volta.example",
    outlet: { name: "Innsbruck depot", address: "Grabenweg 64", city: "Innsbruck", postalCode: "6020", country: "Austria" },
    people: [
      { name: "Katrin Gruber", email: "katrin@alpinewerkzeug.example", role: "executive" },
      { name: "Jonas Huber", email: "jonas@alpinewerkzeug.example", role: "salesperson" },
      { name: "Lea Moser", email: "lea@alpinewerkzeug.example", role: "technician" },
    ],
  },
];

async function addDemoPartners(db: Db) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const p of DEMO_PARTNERS) {
    const [exists] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, p.name));
    if (exists) continue;
    const [cm] = await db.select({ id: users.id }).from(users).where(eq(users.email, p.manager));
    const [org] = await db
      .insert(organisations)
      .values({ name: p.name, kind: p.kind, tier: p.tier, region: p.region, channelManagerId: cm?.id ?? null })
      .returning();
    await db.insert(outlets).values({ ...p.outlet, organisationId: org.id });
    await acceptForDemo(db, org.id);
    await db.insert(users).values(
      p.people.map((person) => ({
        organisationId: org.id,
        email: person.email,
        name: person.name,
        role: person.role,
        status: "active" as const,
        passwordHash,
        activatedAt: new Date(),
      })),
    );
  }
}

const TIER_PERCENT = { registered: 100, silver: 110, gold: 125, platinum: 150 };
/**
 * Role multipliers, one per partner role (the type demands every role). Influencers of the buying
 * decision claim their company's purchases at a share of a seller's rate (issue 19).
 */
const ROLE_PERCENT: Record<PartnerRole, number> = {
  salesperson: 100,
  technician: 110,
  manager: 100,
  executive: 100,
  purchasing_manager: 50,
  accountant: 20,
};

const daysAgo = (n: number) => isoDate(addDays(Date.now(), -n));

/** A one-page PDF that looks like an invoice, so the demo's evidence opens as something real. */
export function invoicePdf(invoice: string, date: string, lines: string[]): File {
  const text = [`Invoice ${invoice}`, `Date ${date}`, ...lines]
    .map((l, i) => `BT /F1 ${i ? 12 : 18} Tf 56 ${760 - i * 24} Td (${l.replace(/[()\\]/g, "")}) Tj ET`)
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new File([body], `invoice-${invoice}.pdf`, { type: "application/pdf" });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A PNG that looks like a photographed invoice from afar (a sheet with a header, lines of "text"
 * and a total box): real image bytes any browser draws, made without an image library.
 */
export function invoicePhoto(width = 240, height = 320, seed = 1): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  const margin = Math.round(width * 0.08);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    const line = Math.floor(y / 14);
    for (let x = 0; x < width; x++) {
      const inner = x > margin && x < width - margin;
      const header = y > height * 0.05 && y < height * 0.12 && inner && x < width * 0.55;
      const textLine =
        y > height * 0.2 &&
        y < height * 0.75 &&
        y % 14 < 4 &&
        inner &&
        x < width - margin - ((line * 37 + seed * 11) % Math.round(width * 0.4));
      const total = y > height * 0.8 && y < height * 0.88 && x > width * 0.55 && x < width - margin;
      const o = y * row + 1 + x * 3;
      const shade = 236 + ((x + y) % 7); // a little paper grain
      const [r, g, b] = header ? [30, 64, 175] : textLine ? [55, 55, 60] : total ? [20, 20, 20] : [shade, shade, shade - 6];
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

type Sale = { who: string; invoice: string; daysAgo: number; lines: Array<[sku: string, qty: number]> };

let serialCounter = 1000;
// Drawn once per process: the seed runs before every test file.
let photo: Uint8Array<ArrayBuffer> | undefined;
/** Most demo invoices are phone photos; every third is a scanned PDF. */
function evidenceFor(sale: Sale, date: string): File {
  if (serialCounter % 3 === 0)
    return invoicePdf(
      sale.invoice,
      date,
      sale.lines.map(([sku, qty]) => `${qty} x ${sku}`),
    );
  photo ??= new Uint8Array(invoicePhoto(360, 480));
  return new File([photo], `IMG_${20260000 + serialCounter}.png`, { type: "image/png" });
}

function raw(sale: Sale, withEvidence = true): RawClaim {
  const date = daysAgo(sale.daysAgo);
  return {
    invoiceNumber: sale.invoice,
    invoiceDate: date,
    lines: sale.lines.map(([sku, qty], index) => {
      const product = CATALOGUE.find((p) => p.sku === sku)!;
      return {
        index,
        sku,
        quantity: String(qty),
        serials: product.requiresSerial ? Array.from({ length: qty }, () => `${sku.replace(/\W/g, "")}-${serialCounter++}`) : [],
      };
    }),
    evidence: withEvidence ? [evidenceFor(sale, date)] : [],
  };
}

/**
 * Backdates a seeded claim so the queue shows realistic waiting times. The seed makes its people
 * today, so the claimant is moved back too: invited and activated a week before the claim, never
 * after it (the programme report's median time to a first claim read negative).
 */
async function backdate(db: Db, claimId: string, days: number) {
  const at = addDays(Date.now(), -days);
  const joined = addDays(at, -7).toISOString();
  await db.update(claims).set({ createdAt: at, submittedAt: at, lastSubmittedAt: at }).where(eq(claims.id, claimId));
  await db.execute(sql`update users u set created_at = least(u.created_at, ${joined}::timestamptz),
      activated_at = least(coalesce(u.activated_at, ${joined}::timestamptz), ${joined}::timestamptz)
    from claims c where c.id = ${claimId} and u.id = c.user_id`);
  await db.execute(
    sql`update claim_events set created_at = ${at.toISOString()} where claim_id = ${claimId} and kind in ('submitted', 'resubmitted')`,
  );
}

/**
 * Runs independent seeding steps side by side on a PostgreSQL server (the seed runs before every
 * test file, so its time counts); one at a time on PGlite, which has a single connection anyway.
 */
async function each<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  if (!process.env.DATABASE_URL) {
    const out: R[] = [];
    for (const item of items) out.push(await fn(item));
    return out;
  }
  return Promise.all(items.map(fn));
}

/**
 * The catalogue and the points rules always (the claim form needs them); with `activity` (the
 * demo, not the tests) also two demo partners and their claims, whose approvals put points in
 * the ledger and mail in the outbox.
 */
export async function seedClaims(db: Db, opts: { activity?: boolean } = {}): Promise<void> {
  const [existing] = await db.select({ id: products.id }).from(products).limit(1);
  if (!existing) await seedCatalogue(db);
  if (opts.activity) await seedClaimActivity(db);
}

async function seedCatalogue(db: Db) {
  const admin = await actorByEmail(db, "admin@volta.example");

  await each(CATALOGUE, (p) =>
    createProduct(db, admin, {
      sku: p.sku,
      name: p.name,
      category: p.category,
      pointsPerUnit: p.pointsPerUnit,
      requiresSerial: p.requiresSerial,
      active: p.active ?? true,
      listPrice: parseMoney(p.listPrice, "EUR") ?? null,
      tip: p.tip,
    }),
  );
  await db.insert(multiplierRates).values([
    ...Object.entries(TIER_PERCENT).map(([key, percent]) => ({
      dimension: "tier" as const,
      key,
      percent,
      validFrom: BEGINNING,
      createdBy: admin.id,
    })),
    ...Object.entries(ROLE_PERCENT).map(([key, percent]) => ({
      dimension: "role" as const,
      key,
      percent,
      validFrom: BEGINNING,
      createdBy: admin.id,
    })),
  ]);
  const ids = Object.fromEntries((await db.select({ id: products.id, sku: products.sku }).from(products)).map((p) => [p.sku, p.id]));
  await createPromotion(db, admin, {
    name: "Battery month",
    startsOn: daysAgo(20),
    endsOn: daysAgo(-40),
    scope: "category",
    category: "Batteries",
    productIds: [],
    percent: 200,
  });
  await createPromotion(db, admin, {
    name: "Hammer drill spring push",
    startsOn: daysAgo(80),
    endsOn: daysAgo(50),
    scope: "products",
    productIds: [ids["VT-HD36"], ids["VT-DR18-K2"]],
    percent: 150,
  });
  // The influencers' own earning rules (issue 19), targeted at their role only: a purchasing
  // manager's company stocking up earns a bonus per 20 units bought in a month; an accountant
  // earns 1% of each purchase invoice's value on top of the role's rate.
  for (const rule of INFLUENCER_RULES) await createEarningRule(db, admin, earningRuleSchema.parse(rule));
}

export const INFLUENCER_RULES = [
  {
    name: "Stock-up bonus for purchasing managers",
    kind: "bundle",
    startsOn: BEGINNING,
    endsOn: "2099-12-31",
    setUnits: "20",
    bonus: "400",
    roles: ["purchasing_manager"],
  },
  {
    name: "Accountants: 1% of the invoice value",
    kind: "value_percent",
    startsOn: BEGINNING,
    endsOn: "2099-12-31",
    steps: "0 1",
    roles: ["accountant"],
  },
];

async function seedClaimActivity(db: Db) {
  // The demo partners exist only once their claims do: a second run finds them and stops.
  const [done] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, DEMO_PARTNERS[0].name));
  if (done) return;
  const [chris, dana] = await each(["chris@volta.example", "dana@volta.example"], (e) => actorByEmail(db, e));

  await addDemoPartners(db);
  const emails = [...DEMO_PARTNERS.flatMap((p) => p.people.map((person) => person.email)), "marta@baltictools.example"];
  // Marta, the demo's salesperson login, has a claim waiting and a draft (no points, so the
  // foundation's people keep empty balances).
  const people = Object.fromEntries(await each(emails, async (e) => [e, await actorByEmail(db, e)] as const)) as Record<string, Actor>;
  const submit = (sale: Sale) =>
    submitClaim(db, people[sale.who], null, raw(sale)).then(async (claim) => {
      await backdate(db, claim.id, sale.daysAgo - 1);
      return claim;
    });

  const approved: Sale[] = [
    {
      who: "maja@nordictool.example",
      invoice: "NTC-2026-0412",
      daysAgo: 78,
      lines: [
        ["VT-HD36", 2],
        ["VT-B18-50", 4],
      ],
    },
    {
      who: "maja@nordictool.example",
      invoice: "NTC-2026-0533",
      daysAgo: 52,
      lines: [
        ["VT-DR18", 1],
        ["VT-BIT32", 3],
      ],
    },
    {
      who: "nils@nordictool.example",
      invoice: "NTC-2026-0561",
      daysAgo: 45,
      lines: [
        ["VT-LL360", 1],
        ["VT-LD50", 2],
      ],
    },
    {
      who: "lars@nordictool.example",
      invoice: "NTC/18831",
      daysAgo: 70,
      lines: [
        ["VT-MS254", 1],
        ["VT-BLADE-W", 2],
      ],
    },
    {
      who: "lars@nordictool.example",
      invoice: "NTC/19012",
      daysAgo: 33,
      lines: [
        ["VT-AG125", 2],
        ["VT-DISC10", 5],
      ],
    },
    { who: "lea@alpinewerkzeug.example", invoice: "AW-19100", daysAgo: 25, lines: [["VT-DR18-K2", 1]] },
    {
      who: "jonas@alpinewerkzeug.example",
      invoice: "AW-7781",
      daysAgo: 40,
      lines: [
        ["VT-CS190", 1],
        ["VT-B18-20", 2],
      ],
    },
    {
      who: "maja@nordictool.example",
      invoice: "NTC-2026-0614",
      daysAgo: 30,
      lines: [
        ["VT-ID18", 2],
        ["VT-B18-50", 2],
      ],
    },
    {
      who: "jonas@alpinewerkzeug.example",
      invoice: "AW-2211",
      daysAgo: 15,
      lines: [
        ["VT-JS18", 1],
        ["VT-CH18", 1],
      ],
    },
  ];
  const decided = [
    { who: "lea@alpinewerkzeug.example", invoice: "AW-18777", daysAgo: 60, lines: [["VT-AG230", 1]] },
    {
      who: "jonas@alpinewerkzeug.example",
      invoice: "AW-7790",
      daysAgo: 12,
      lines: [
        ["VT-HD36", 1],
        ["VT-B18-50", 2],
      ],
    },
  ] satisfies Sale[];
  const sent = await each([...approved, ...decided], submit);
  await each(approved, (sale) => approveClaim(db, sale.who.endsWith("nordictool.example") ? dana : chris, sent[approved.indexOf(sale)].id));
  await rejectClaim(db, chris, sent[approved.length].id, "The invoice shows a Makita grinder, not a Volta AG230.");
  await requestInformation(
    db,
    chris,
    sent[approved.length + 1].id,
    "The photo is cut off at the bottom: please add a photo that shows the serial number and the total.",
  );

  // Waiting for the channel manager, after the approvals above so the flags have something to compare with.
  await each(
    [
      {
        who: "marta@baltictools.example",
        invoice: "BT-2026-0688",
        daysAgo: 9,
        lines: [
          ["VT-DR18", 2],
          ["VT-B18-50", 2],
        ],
      },
      { who: "lars@nordictool.example", invoice: "NTC/19233", daysAgo: 6, lines: [["VT-CS190", 1]] },
      { who: "lea@alpinewerkzeug.example", invoice: "NTC-19012", daysAgo: 5, lines: [["VT-AG125", 1]] }, // looks like Lars's NTC/19012 at another partner: flagged
      { who: "jonas@alpinewerkzeug.example", invoice: "AW-7802", daysAgo: 3, lines: [["VT-B18-20", 40]] }, // unusual quantity: flagged
      {
        who: "maja@nordictool.example",
        invoice: "NTC-2026-0677",
        daysAgo: 2,
        lines: [
          ["VT-MS254", 1],
          ["VT-BLADE-W", 3],
        ],
      },
    ] satisfies Sale[],
    submit,
  );

  // A colleague's claim waiting for Erik (Nordic Tool Centre's manager) to check, as when the
  // programme turns the partner-manager check on.
  const forCheck = await submit({
    who: "nils@nordictool.example",
    invoice: "NTC-2026-0702",
    daysAgo: 1,
    lines: [
      ["VT-AG230", 1],
      ["VT-DISC10", 2],
    ],
  });
  await db.update(claims).set({ status: "manager_check" }).where(eq(claims.id, forCheck.id));

  await saveDraft(db, people["marta@baltictools.example"], null, {
    ...raw({ who: "", invoice: "BT-2026-0710", daysAgo: 0, lines: [["VT-ID18", 1]] }, false),
    invoiceDate: "",
  });
}
