import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db, type Queryable, type Tx } from "@db/client";
import {
  claimEvents,
  claimFiles,
  claimLines,
  claimSerials,
  claims,
  organisations,
  outlets,
  products,
  users,
  type Claim,
  type ClaimStatus,
  type Product,
} from "@db/schema";
import type { PartnerRole } from "@db/schema/enums";
import { type Actor, isManufacturer } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError, constraintName, sqlState } from "~/lib/errors";
import type { FieldErrors } from "~/lib/form-types";
import { FormInvalid } from "~/lib/forms.server";
import { isId } from "~/lib/ids";
import { ownerScope, tenantScope } from "~/lib/scope.server";
import { getSettings } from "../points/ledger.server";
import { notify } from "../notifications/notify.server";
import { calculatePoints, type CalculationLine } from "./calculate-points";
import { discardEvidence, storeEvidence, type StoredEvidence } from "./evidence.server";
import type { RawClaim } from "./forms";
import { loadPointsRules } from "./rules.server";
import { isFirstClaim, ruleVolumes } from "../rules/earning.server";
import { requireParticipation } from "../enrolment/participation.server";
import {
  EDITABLE_STATUSES,
  MAX_DRAFTS,
  MAX_EVIDENCE_FILES,
  MAX_LINES,
  MAX_QUANTITY,
  MAX_SERIALISED_QUANTITY,
  earliestInvoiceDate,
  invoiceKey,
  isRealDate,
  latestInvoiceDate,
  looseInvoiceKey,
  normaliseSerial,
  normaliseSku,
} from "./shared";

/**
 * Which claims the actor may see, in SQL, by the "claims" and "claim_drafts" rules of
 * app/lib/permissions.ts: manufacturer staff every sent claim, a partner's executive and managers
 * their organisation's, every other partner role (sellers, influencers) their own; a draft only its author. Anything
 * else reads as "not found".
 */
export function claimScope(actor: Actor): SQL | undefined {
  const columns = { organisation: claims.organisationId, owner: claims.userId };
  const drafts = ownerScope(actor, "claim_drafts", columns);
  return and(ownerScope(actor, "claims", columns), drafts ? or(ne(claims.status, "draft"), drafts) : undefined);
}

export function isEditable(status: ClaimStatus): boolean {
  return (EDITABLE_STATUSES as readonly string[]).includes(status);
}

/** A claim with everything its page shows, or null when it does not exist or is not the actor's to see. */
export async function getClaim(db: Queryable, actor: Actor, id: string) {
  if (!isId(id)) return null;
  const [row] = await db
    .select({
      claim: claims,
      claimantName: users.name,
      claimantRole: users.role,
      organisationName: organisations.name,
      tier: organisations.tier,
      region: organisations.region,
      outletName: outlets.name,
    })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.userId))
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .leftJoin(outlets, eq(outlets.id, claims.outletId))
    .where(and(eq(claims.id, id), claimScope(actor)))
    .limit(1);
  if (!row) return null;
  const [lines, files, events] = await Promise.all([
    db
      .select({ line: claimLines, product: { name: products.name, category: products.category, requiresSerial: products.requiresSerial } })
      .from(claimLines)
      .leftJoin(products, eq(products.id, claimLines.productId))
      .where(eq(claimLines.claimId, id))
      .orderBy(asc(claimLines.position)),
    db.select().from(claimFiles).where(eq(claimFiles.claimId, id)).orderBy(desc(claimFiles.createdAt)),
    db
      .select({ kind: claimEvents.kind, note: claimEvents.note, createdAt: claimEvents.createdAt, actorName: users.name })
      .from(claimEvents)
      .leftJoin(users, eq(users.id, claimEvents.actorId))
      .where(eq(claimEvents.claimId, id))
      .orderBy(asc(claimEvents.createdAt), asc(claimEvents.id)),
  ]);
  return {
    ...row.claim,
    claimantName: row.claimantName,
    claimantRole: row.claimantRole,
    organisationName: row.organisationName,
    tier: row.tier,
    region: row.region,
    outletName: row.outletName,
    lines: lines.map((l) => ({ ...l.line, productName: l.product?.name ?? null, requiresSerial: l.product?.requiresSerial ?? false })),
    evidence: files[0] ?? null,
    /** Every attachment, newest first: the invoice and any photos sent later (serial labels). */
    files,
    events,
  };
}
export type ClaimDetail = NonNullable<Awaited<ReturnType<typeof getClaim>>>;

/** Claims the actor may see, newest first, optionally by status. */
export async function listClaims(db: Queryable, actor: Actor, opts: { status?: ClaimStatus; userId?: string; limit?: number } = {}) {
  return db
    .select({
      id: claims.id,
      number: claims.number,
      status: claims.status,
      invoiceNumber: claims.invoiceNumber,
      invoiceDate: claims.invoiceDate,
      points: claims.points,
      creditedPoints: claims.creditedPoints,
      createdAt: claims.createdAt,
      lastSubmittedAt: claims.lastSubmittedAt,
      decisionNote: claims.decisionNote,
      claimantName: users.name,
      userId: claims.userId,
      units: sql<number>`(select coalesce(sum(l.quantity), 0)::int from claim_lines l where l.claim_id = ${claims.id})`,
    })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.userId))
    .where(
      and(
        claimScope(actor),
        opts.status ? eq(claims.status, opts.status) : undefined,
        opts.userId ? eq(claims.userId, opts.userId) : undefined,
      ),
    )
    .orderBy(desc(sql`coalesce(${claims.lastSubmittedAt}, ${claims.createdAt})`))
    .limit(opts.limit ?? 200);
}

/** Counts per status of the claims the actor may see (drafts: only their own). */
export async function claimCounts(db: Queryable, actor: Actor) {
  const rows = await db
    .select({ status: claims.status, n: sql<number>`count(*)::int` })
    .from(claims)
    .where(claimScope(actor))
    .groupBy(claims.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<ClaimStatus, number>>;
}

type CheckedLine = { index: number; product: Product; quantity: number; serials: string[] };

function addError(errors: FieldErrors, field: string, key: string, vars?: Record<string, string | number>) {
  (errors[field] ??= []).push({ key, vars });
}

/**
 * Every rule a submitted claim must meet, each broken one reported next to its field: invoice
 * number present and not used before by this partner, invoice date real, not in the future and
 * inside the claim window, known active products, quantities within bounds, one serial number per
 * unit where the product needs them, unique in the claim and across the programme.
 */
async function validateSubmission(
  tx: Tx,
  actor: Actor,
  raw: RawClaim,
  ctx: { claimId: string | null; firstSubmittedAt: Date | null; hasEvidence: boolean; windowDays: number },
) {
  const errors: FieldErrors = {};
  const invoiceNumber = raw.invoiceNumber.trim();
  if (!invoiceNumber) addError(errors, "invoiceNumber", "errors.required");
  else if (invoiceNumber.length > 40) addError(errors, "invoiceNumber", "errors.too_long");
  else {
    const [taken] = await tx
      .select({ number: claims.number })
      .from(claims)
      .where(
        and(
          eq(claims.organisationId, actor.organisationId),
          eq(claims.invoiceKey, invoiceKey(invoiceNumber)),
          ne(claims.status, "draft"),
          ctx.claimId ? ne(claims.id, ctx.claimId) : undefined,
        ),
      )
      .limit(1);
    if (taken) addError(errors, "invoiceNumber", "errors.claims.invoice_taken", { number: taken.number });
  }

  const date = raw.invoiceDate;
  if (!date) addError(errors, "invoiceDate", "errors.required");
  else if (!isRealDate(date)) addError(errors, "invoiceDate", "errors.claims.date");
  else if (date > latestInvoiceDate()) addError(errors, "invoiceDate", "errors.claims.date_future");
  else if (date < earliestInvoiceDate(ctx.windowDays, ctx.firstSubmittedAt ?? new Date()))
    addError(errors, "invoiceDate", "errors.claims.date_too_old", { count: ctx.windowDays });

  if (!ctx.hasEvidence) addError(errors, "evidence", "errors.claims.evidence_required");
  if (raw.lines.length === 0) addError(errors, "lines", "errors.claims.no_lines");
  if (raw.lines.length > MAX_LINES) addError(errors, "lines", "errors.claims.too_many_lines", { count: MAX_LINES });

  const known = raw.lines.length
    ? await tx
        .select()
        .from(products)
        .where(inArray(products.sku, raw.lines.map((l) => normaliseSku(l.sku)).filter(Boolean)))
    : [];
  const bySku = new Map(known.map((p) => [p.sku, p]));
  const checked: CheckedLine[] = [];
  const serialOwner = new Map<string, string>();
  for (const line of raw.lines.slice(0, MAX_LINES)) {
    const at = `lines.${line.index}`;
    const sku = normaliseSku(line.sku);
    const product = bySku.get(sku);
    if (!sku) addError(errors, `${at}.sku`, "errors.required");
    else if (!product) addError(errors, `${at}.sku`, "errors.claims.unknown_sku", { sku: sku.slice(0, 40) });
    else if (!product.active) addError(errors, `${at}.sku`, "errors.claims.inactive_sku", { sku });

    const q = line.quantity.trim();
    const quantity = /^\d{1,6}$/.test(q) ? Number(q) : NaN;
    if (!q) addError(errors, `${at}.quantity`, "errors.required");
    else if (!/^-?\d+$/.test(q)) addError(errors, `${at}.quantity`, "errors.claims.whole_number");
    else if (!(quantity >= 1)) addError(errors, `${at}.quantity`, "errors.claims.quantity_min");
    else if (quantity > MAX_QUANTITY) addError(errors, `${at}.quantity`, "errors.claims.quantity_max", { count: MAX_QUANTITY });
    else if (product?.requiresSerial && quantity > MAX_SERIALISED_QUANTITY)
      addError(errors, `${at}.quantity`, "errors.claims.quantity_max_serial", { count: MAX_SERIALISED_QUANTITY });

    let serials: string[] = [];
    if (product?.requiresSerial && Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_SERIALISED_QUANTITY) {
      serials = line.serials.map(normaliseSerial);
      const given = serials.filter(Boolean).length;
      serials.forEach((s, i) => {
        const field = `${at}.serials.${i}`;
        if (!s) return;
        if (s.length > 64) addError(errors, field, "errors.too_long");
        else if (serialOwner.has(s)) addError(errors, field, "errors.claims.serial_repeated", { serial: s });
        else serialOwner.set(s, field);
      });
      if (given < quantity) addError(errors, `${at}.serials`, "errors.claims.serials_missing", { count: quantity - given });
      if (serials.length > quantity) serials = serials.slice(0, quantity);
    }
    if (product && Number.isInteger(quantity) && quantity >= 1)
      checked.push({ index: line.index, product, quantity, serials: serials.filter(Boolean) });
  }

  if (serialOwner.size) {
    const taken = await tx
      .select({ serial: claimSerials.serial })
      .from(claimSerials)
      .where(and(inArray(claimSerials.serial, [...serialOwner.keys()]), ctx.claimId ? ne(claimSerials.claimId, ctx.claimId) : undefined));
    for (const t of taken) addError(errors, serialOwner.get(t.serial)!, "errors.claims.serial_taken", { serial: t.serial });
  }

  const outletId = await outletOfSale(tx, actor, raw.outletId ?? "");
  if (outletId === undefined) addError(errors, "outletId", "outlets.errors.not_yours");

  if (Object.keys(errors).length) throw new FormInvalid(errors);
  return { invoiceNumber, invoiceDate: date, outletId: outletId ?? null, lines: checked };
}

/**
 * The outlet a claim records (issue 19): the one chosen, if it is one of the claimant's partner's
 * outlets, else (nothing chosen) the claimant's own outlet; undefined when the choice is not theirs.
 * The database refuses another partner's outlet as well (foreign key over outlet and organisation).
 */
async function outletOfSale(tx: Queryable, actor: Actor, chosen: string): Promise<string | null | undefined> {
  if (!chosen) {
    const [me] = await tx.select({ outletId: users.outletId }).from(users).where(eq(users.id, actor.id)).limit(1);
    return me?.outletId ?? null;
  }
  if (!isId(chosen)) return undefined;
  const [found] = await tx
    .select({ id: outlets.id })
    .from(outlets)
    .where(and(eq(outlets.id, chosen), eq(outlets.organisationId, actor.organisationId)))
    .limit(1);
  return found ? found.id : undefined;
}

/** The points the claim is worth with the rules in force on its invoice date (no cap: that is applied at credit). */
/**
 * Prices a claim with the rules of its invoice date. With `claimant` (who the claim is for), the
 * earning rules see their volume, targeting and first-claim status too; `claimId` keeps the claim
 * itself out of its own volume (at approval it is already approved).
 */
export async function priceClaim(
  db: Queryable,
  who: { tier: Actor["tier"]; role: PartnerRole },
  invoiceDate: string,
  lines: Array<{ productId: string; quantity: number }>,
  claimant?: { userId: string; organisationId: string; region: string | null; claimId?: string },
  opts: { promotions?: boolean } = {},
) {
  const rules = await loadPointsRules(db, {
    tier: who.tier,
    role: who.role,
    from: invoiceDate,
    to: invoiceDate,
    productIds: [...new Set(lines.map((l) => l.productId))],
  });
  // Without promotions: the base points a promotion budget always pays (app/domain/gates/budget.ts).
  if (opts.promotions === false) rules.promotions = [];
  if (!claimant) return calculatePoints(rules, { invoiceDate, tier: who.tier, role: who.role, lines });
  const [volumes, firstClaim] = await Promise.all([
    ruleVolumes(db, rules.earningRules ?? [], claimant, invoiceDate, claimant.claimId),
    (rules.firstClaimBonus ?? 0) > 0 ? isFirstClaim(db, claimant.userId, claimant.claimId) : Promise.resolve(false),
  ]);
  return calculatePoints(rules, {
    invoiceDate,
    tier: who.tier,
    role: who.role,
    lines,
    userId: claimant.userId,
    organisationId: claimant.organisationId,
    region: claimant.region,
    volumes,
    firstClaim,
  });
}

const UNUSUAL_MINIMUM = 10;

/** Reasons a reviewer should look twice; stored with the claim and shown in the queue. */
async function flagsFor(
  tx: Tx,
  claim: { id: string; organisationId: string; invoiceNumber: string; invoiceDate: string },
  lines: CheckedLine[],
): Promise<CalculationLine[]> {
  const flags: CalculationLine[] = [];
  const loose = looseInvoiceKey(claim.invoiceNumber);
  if (loose) {
    const similar = await tx
      .select({ number: claims.number, partner: organisations.name })
      .from(claims)
      .innerJoin(organisations, eq(organisations.id, claims.organisationId))
      .where(and(eq(claims.invoiceLooseKey, loose), ne(claims.id, claim.id), ne(claims.status, "draft")))
      .limit(3);
    for (const s of similar) flags.push({ key: "claims.flag.similar_invoice", vars: { number: s.number, partner: s.partner } });
  }
  // The same partner, the same day, the same products and quantities: probably the same sale twice.
  const signature = lines
    .map((l) => `${l.product.id}:${l.quantity}`)
    .sort()
    .join(",");
  const sameDay = rowsOf<{ number: number; signature: string }>(
    await tx.execute(sql`
      select c.number, (select string_agg(l.product_id::text || ':' || l.quantity, ',' order by l.product_id::text || ':' || l.quantity) from claim_lines l where l.claim_id = c.id) as signature
      from claims c
      where c.organisation_id = ${claim.organisationId} and c.invoice_date = ${claim.invoiceDate} and c.id <> ${claim.id} and c.status <> 'draft'
      limit 20`),
  );
  for (const s of sameDay) if (s.signature === signature) flags.push({ key: "claims.flag.same_sale", vars: { number: Number(s.number) } });

  for (const line of lines) {
    const [typical] = rowsOf<{ avg: string | number | null }>(
      await tx.execute(sql`
        select avg(l.quantity) as avg from claim_lines l join claims c on c.id = l.claim_id
        where l.product_id = ${line.product.id} and c.status = 'approved' and c.decided_at > now() - interval '365 days'`),
    );
    const avg = typical?.avg === null || typical?.avg === undefined ? null : Number(typical.avg);
    const limit = Math.max(UNUSUAL_MINIMUM, avg === null ? 0 : 3 * avg);
    if (line.quantity > limit) {
      flags.push(
        avg === null
          ? { key: "claims.flag.large_quantity", vars: { sku: line.product.sku, qty: line.quantity } }
          : {
              key: "claims.flag.unusual_quantity",
              vars: { sku: line.product.sku, qty: line.quantity, typical: Math.round(avg * 10) / 10 },
            },
      );
    }
  }
  return flags;
}

async function replaceLines(
  tx: Tx,
  claimId: string,
  lines: Array<{ sku: string; productId: string | null; quantity: number | null; serials: string[]; points: number }>,
  reserveSerials: boolean,
) {
  await tx.delete(claimSerials).where(eq(claimSerials.claimId, claimId));
  await tx.delete(claimLines).where(eq(claimLines.claimId, claimId));
  if (!lines.length) return;
  const inserted = await tx
    .insert(claimLines)
    .values(
      lines.map((l, position) => ({
        claimId,
        position,
        sku: l.sku,
        productId: l.productId,
        quantity: l.quantity,
        serials: l.serials,
        points: l.points,
      })),
    )
    .returning({ id: claimLines.id, position: claimLines.position });
  if (!reserveSerials) return;
  const serialRows = inserted.flatMap((row) => lines[row.position].serials.map((serial) => ({ serial, claimId, lineId: row.id })));
  if (serialRows.length) await tx.insert(claimSerials).values(serialRows);
}

async function loadOwnEditable(tx: Tx, actor: Actor, claimId: string) {
  if (!isId(claimId)) throw new UserError("common.not_found", undefined, undefined, 404);
  const [claim] = await tx
    .select()
    .from(claims)
    .where(and(eq(claims.id, claimId), eq(claims.userId, actor.id), tenantScope(actor, claims.organisationId)))
    .for("update");
  if (!claim) throw new UserError("common.not_found", undefined, undefined, 404);
  if (!isEditable(claim.status)) throw new UserError("errors.claims.not_editable", undefined, undefined, 409);
  return claim;
}

async function hasEvidence(tx: Queryable, claimId: string | null) {
  if (!claimId) return false;
  const [f] = await tx.select({ id: claimFiles.id }).from(claimFiles).where(eq(claimFiles.claimId, claimId)).limit(1);
  return !!f;
}

/** Adds the files sent to the claim's attachments; earlier ones (the invoice) stay. */
async function attachEvidence(tx: Tx, actor: Actor, claimId: string, stored: StoredEvidence[]) {
  // A millisecond apart, in the order chosen: "Attachment 1" stays the first file (the invoice).
  const at = Date.now();
  if (stored.length)
    await tx.insert(claimFiles).values(
      stored.map((f, i) => ({
        createdAt: new Date(at + i),
        claimId,
        storedName: f.storedName,
        mime: f.mime,
        size: f.size,
        originalName: f.originalName,
        uploadedBy: actor.id,
      })),
    );
}

/**
 * Runs `body` with the uploaded files stored first; if anything fails, they are removed again.
 * Several files share the one upload allowance (the body cap), so a send holds at most
 * MAX_EVIDENCE_FILES of them.
 */
async function withUpload<T>(files: File[], body: (stored: StoredEvidence[]) => Promise<T>): Promise<T> {
  if (files.length > MAX_EVIDENCE_FILES) throw new UserError("ui.claim.too_many_files", "evidence", { count: MAX_EVIDENCE_FILES }, 400);
  const stored: StoredEvidence[] = [];
  try {
    for (const file of files) stored.push(await storeEvidence(file));
    return await body(stored);
  } catch (error) {
    for (const f of stored) await discardEvidence(f);
    throw error;
  }
}

/**
 * Saves an unfinished claim on the server (the phone also keeps one locally). Nothing is
 * checked beyond what can be stored; nothing is reserved; only its author sees it.
 */
export async function saveDraft(db: Db, actor: Actor, claimId: string | null, raw: RawClaim): Promise<string> {
  return withUpload(raw.evidence, (stored) =>
    db.transaction(async (tx) => {
      const existing = claimId ? await loadOwnEditable(tx, actor, claimId) : null;
      if (existing && existing.status !== "draft") throw new UserError("errors.claims.not_draft", undefined, undefined, 409);
      if (!existing) await refuseBeyondDraftLimit(tx, actor);
      const date = isRealDate(raw.invoiceDate) ? raw.invoiceDate : null;
      const fields = {
        invoiceNumber: raw.invoiceNumber.trim().slice(0, 40),
        invoiceKey: invoiceKey(raw.invoiceNumber).slice(0, 40),
        invoiceLooseKey: looseInvoiceKey(raw.invoiceNumber).slice(0, 40),
        invoiceDate: date,
        // A draft keeps a valid choice only; anything else falls back to the claimant's outlet at submission.
        outletId: (await outletOfSale(tx, actor, raw.outletId ?? "")) ?? null,
        updatedAt: new Date(),
      };
      const id = existing
        ? (await tx.update(claims).set(fields).where(eq(claims.id, existing.id)).returning({ id: claims.id }))[0].id
        : (
            await tx
              .insert(claims)
              .values({ ...fields, organisationId: actor.organisationId, userId: actor.id, status: "draft" })
              .returning({ id: claims.id })
          )[0].id;
      const skus = raw.lines.slice(0, MAX_LINES).map((l) => normaliseSku(l.sku).slice(0, 40));
      const known = skus.filter(Boolean).length
        ? await tx
            .select({ id: products.id, sku: products.sku })
            .from(products)
            .where(inArray(products.sku, skus.filter(Boolean)))
        : [];
      await replaceLines(
        tx,
        id,
        raw.lines.slice(0, MAX_LINES).map((l, i) => {
          const q = Number(l.quantity.trim());
          return {
            sku: skus[i],
            productId: known.find((k) => k.sku === skus[i])?.id ?? null,
            quantity: Number.isInteger(q) && q >= 1 && q <= MAX_QUANTITY ? q : null,
            serials: l.serials
              .map(normaliseSerial)
              .slice(0, MAX_SERIALISED_QUANTITY)
              .map((s) => s.slice(0, 64)),
            points: 0,
          };
        }),
        false,
      );
      await attachEvidence(tx, actor, id, stored);
      return id;
    }),
  );
}

/**
 * A person keeps at most MAX_DRAFTS drafts on the server. Counted under a per-person lock held to
 * the end of the transaction, so simultaneous saves cannot both pass the count.
 */
async function refuseBeyondDraftLimit(tx: Tx, actor: Actor) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`claim-drafts:${actor.id}`}, 0))`);
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(claims)
    .where(and(eq(claims.userId, actor.id), eq(claims.status, "draft")));
  if (n >= MAX_DRAFTS) throw new UserError("errors.claims.too_many_drafts", undefined, { limit: MAX_DRAFTS }, 409);
}

/** Deletes a draft and, once that is committed, its files. */
export async function deleteDraft(db: Db, actor: Actor, claimId: string) {
  const files = await db.transaction(async (tx) => {
    const claim = await loadOwnEditable(tx, actor, claimId);
    if (claim.status !== "draft") throw new UserError("errors.claims.not_draft", undefined, undefined, 409);
    const stored = await tx.select({ storedName: claimFiles.storedName }).from(claimFiles).where(eq(claimFiles.claimId, claim.id));
    await tx.delete(claims).where(eq(claims.id, claim.id));
    return stored;
  });
  for (const f of files) await discardEvidence(f);
}

/** Whether this claimant's claims go to a partner manager first: the programme asks for it and their partner has a manager other than them. */
async function needsManagerCheck(tx: Tx, actor: Actor, enabled: boolean) {
  if (!enabled || actor.role === "manager" || actor.role === "executive") return false;
  const [m] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.organisationId, actor.organisationId), eq(users.role, "manager"), eq(users.status, "active"), ne(users.id, actor.id)),
    )
    .limit(1);
  return !!m;
}

function mapUniqueViolation(error: unknown, raw: RawClaim): never {
  if (sqlState(error) === "23505") {
    const name = constraintName(error);
    if (name === "claims_invoice_unique") throw new FormInvalid({ invoiceNumber: [{ key: "errors.claims.invoice_taken_now" }] });
    if (name === "claim_serials_serial_unique") {
      const detail = String((error as { cause?: { detail?: string } }).cause?.detail ?? (error as { detail?: string }).detail ?? "");
      const serial = detail.match(/\(serial\)=\((.*)\)/)?.[1] ?? "";
      const line = raw.lines.find((l) => l.serials.map(normaliseSerial).includes(serial));
      const at = line ? `lines.${line.index}.serials.${line.serials.map(normaliseSerial).indexOf(serial)}` : "_form";
      throw new FormInvalid({ [at]: [{ key: "errors.claims.serial_taken", vars: { serial } }] });
    }
  }
  throw error;
}

/**
 * Submits a claim (new, a draft, or one sent back for correction): every rule checked, the
 * invoice number and serial numbers reserved by unique indexes in the same transaction, the
 * points calculated with the rules of the invoice date, suspicious signs flagged, and the claim
 * sent to the partner manager's check or straight to the channel manager.
 */
export async function submitClaim(db: Db, actor: Actor, claimId: string | null, raw: RawClaim): Promise<Claim> {
  if (isManufacturer(actor)) throw new UserError("common.forbidden", undefined, undefined, 403);
  const settings = await getSettings(db);
  try {
    return await withUpload(raw.evidence, (stored) =>
      db.transaction(async (tx) => {
        const existing = claimId ? await loadOwnEditable(tx, actor, claimId) : null;
        // Only people of a partner that accepted the terms, in a role it opted in, send claims (issue 19).
        await requireParticipation(tx, actor);
        const valid = await validateSubmission(tx, actor, raw, {
          claimId: existing?.id ?? null,
          firstSubmittedAt: existing?.submittedAt ?? null,
          hasEvidence: stored.length > 0 || (await hasEvidence(tx, existing?.id ?? null)),
          windowDays: settings.claimWindowDays,
        });
        const priced = await priceClaim(
          tx,
          { tier: actor.tier, role: actor.role as PartnerRole },
          valid.invoiceDate,
          valid.lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
          { userId: actor.id, organisationId: actor.organisationId, region: actor.region ?? null, claimId: existing?.id },
        );
        const status: ClaimStatus = (await needsManagerCheck(tx, actor, settings.partnerManagerCheck)) ? "manager_check" : "in_review";
        const now = new Date();
        const fields = {
          status,
          invoiceNumber: valid.invoiceNumber,
          invoiceKey: invoiceKey(valid.invoiceNumber),
          invoiceLooseKey: looseInvoiceKey(valid.invoiceNumber),
          invoiceDate: valid.invoiceDate,
          outletId: valid.outletId,
          points: priced.total,
          calculation: priced.calculation,
          submittedAt: existing?.submittedAt ?? now,
          lastSubmittedAt: now,
          checkedBy: null,
          checkedAt: null,
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          updatedAt: now,
        };
        const [claim] = existing
          ? await tx.update(claims).set(fields).where(eq(claims.id, existing.id)).returning()
          : await tx
              .insert(claims)
              .values({ ...fields, organisationId: actor.organisationId, userId: actor.id })
              .returning();
        await replaceLines(
          tx,
          claim.id,
          valid.lines.map((l, i) => ({
            sku: l.product.sku,
            productId: l.product.id,
            quantity: l.quantity,
            serials: l.serials,
            points: priced.lines[i].points,
          })),
          true,
        );
        await attachEvidence(tx, actor, claim.id, stored);
        const flags = await flagsFor(
          tx,
          { id: claim.id, organisationId: claim.organisationId, invoiceNumber: valid.invoiceNumber, invoiceDate: valid.invoiceDate },
          valid.lines,
        );
        await tx.update(claims).set({ flags }).where(eq(claims.id, claim.id));
        const resubmitted = !!existing && existing.status !== "draft";
        await tx.insert(claimEvents).values({ claimId: claim.id, actorId: actor.id, kind: resubmitted ? "resubmitted" : "submitted" });
        await recordAudit(tx, {
          actor,
          action: resubmitted ? "claim.resubmitted" : "claim.submitted",
          entityType: "claim",
          entityId: claim.id,
          organisationId: claim.organisationId,
          details: {
            number: claim.number,
            invoiceNumber: valid.invoiceNumber,
            points: priced.total,
            status,
            flags: flags.map((f) => f.key),
          },
        });
        if (status === "manager_check") await tellManagers(tx, actor, claim);
        return { ...claim, flags };
      }),
    );
  } catch (error) {
    mapUniqueViolation(error, raw);
  }
}

/**
 * An in-app notice (no email: it happens many times a day) to the partner's managers that a claim
 * waits for them; filed under the claims topic, though no email is attached.
 */
async function tellManagers(tx: Tx, actor: Actor, claim: Claim) {
  const managers = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.organisationId, actor.organisationId), eq(users.role, "manager"), eq(users.status, "active"), ne(users.id, actor.id)),
    );
  for (const m of managers) {
    await notify(tx, {
      userId: m.id,
      topic: "claim_decided",
      titleKey: "claims.notice.check_needed",
      vars: { number: claim.number, name: actor.name },
      link: `/claims/${claim.id}`,
    });
  }
}
