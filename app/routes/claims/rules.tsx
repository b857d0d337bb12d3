import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { listProductCategories, listProducts } from "~/domain/claims/products.server";
import { multiplierSchema, promotionSchema } from "~/domain/claims/forms";
import { createPromotion, endPromotion, listMultipliers, listPromotions, setMultiplier } from "~/domain/claims/rules.server";
import { isoDate } from "~/domain/claims/shared";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, SelectField, Table, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { missingLanguages } from "~/domain/content/translations.server";
import { type TextItem, saveUnitTranslations, textItems, unitTranslations } from "~/domain/content/units.server";
import { UnitTranslations } from "~/components/translations";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { earningRuleSchema, firstClaimBonusSchema } from "~/domain/rules/forms";
import { createEarningRule, deactivateEarningRule, listEarningRules, setFirstClaimBonus } from "~/domain/rules/rules.server";
import { getSettings } from "~/domain/points/ledger.server";
import { AudienceFields, AudienceText, EarningRuleForm, EarningRulesCard, FirstClaimBonusForm } from "~/components/rules/earning-rules";
import { budgetsFor, setPromotionBudget } from "~/domain/gates/budgets.server";
import { budgetSchema } from "~/domain/gates/forms";
import { PromotionBudget } from "~/components/gates/promotion-budget";
import type { Route } from "./+types/rules";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "claims.rules");
  const db = await getDb();
  const [multipliers, promotions, categories, products, earningRules, settings] = await Promise.all([
    listMultipliers(db),
    listPromotions(db),
    listProductCategories(db),
    listProducts(db),
    listEarningRules(db),
    getSettings(db),
  ]);
  // Promotion names are read by participants in their language (issue 18): which still lack a
  // translation, and the one opened for translating (?translate=<id>).
  const untranslated = await missingLanguages(
    db,
    "promotion",
    promotions.map((p) => p.id),
    ["name"],
  );
  const translating = promotions.find((p) => p.id === new URL(request.url).searchParams.get("translate"));
  return {
    untranslated: Object.fromEntries([...untranslated].map(([id, l]) => [id, l.length > 0])),
    translation: translating ? { id: translating.id, ...(await unitTranslations(db, promotionTextItems(translating))) } : null,
    budgets: await budgetsFor(
      db,
      promotions.map((p) => p.id),
    ),
    earningRules,
    firstClaimBonus: settings.firstClaimBonus,
    multipliers,
    promotions,
    categories,
    products: products.map((p) => ({ id: p.id, sku: p.sku, name: p.name })),
    today: isoDate(new Date()),
  };
}

/** A promotion's name, the one text of it participants read (limit as the promotion form's). */
function promotionTextItems(promotion: { id: string; name: string }): TextItem[] {
  const { items, add } = textItems();
  add({ entity: "promotion", id: promotion.id, field: "name" }, { text: promotion.name, max: 80, label: "content.field.name" });
  return items;
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "claims.rules", {
    translate: {
      run: async (actor, formData) => {
        const id = new URL(request.url).searchParams.get("translate");
        const promotion = orNotFound((await listPromotions(db)).find((p) => p.id === id));
        await saveUnitTranslations(db, actor, promotionTextItems(promotion), formData);
        return { ok: true as const, translated: true as const };
      },
    },
    set_multiplier: {
      run: async (actor, formData) => {
        await setMultiplier(db, actor, parseForm(multiplierSchema, formData));
        return { ok: true as const, done: "multiplier" };
      },
    },
    create_promotion: {
      run: async (actor, formData) => {
        await createPromotion(
          db,
          actor,
          parseForm(promotionSchema, formData, {
            ...Object.fromEntries(formData),
            productIds: formData.getAll("productIds"),
            tiers: formData.getAll("tiers"),
            roles: formData.getAll("roles"),
          }),
        );
        return { ok: true as const, done: "promotion_created" };
      },
    },
    create_earning_rule: {
      run: async (actor, formData) => {
        await createEarningRule(
          db,
          actor,
          parseForm(earningRuleSchema, formData, {
            ...Object.fromEntries(formData),
            tiers: formData.getAll("tiers"),
            roles: formData.getAll("roles"),
          }),
        );
        return { ok: true as const, done: "earning_rule_created" };
      },
    },
    end_earning_rule: {
      run: async (actor, formData) => {
        await deactivateEarningRule(db, actor, String(formData.get("ruleId") ?? ""));
        return { ok: true as const, done: "earning_rule_ended" };
      },
    },
    set_first_claim_bonus: {
      run: async (actor, formData) => {
        await setFirstClaimBonus(db, actor, parseForm(firstClaimBonusSchema, formData).firstClaimBonus);
        return { ok: true as const, done: "first_claim_bonus" };
      },
    },
    set_budget: {
      run: async (actor, formData) => {
        const input = parseForm(budgetSchema, formData);
        await setPromotionBudget(db, actor, input.promotionId, input.budget);
        return { ok: true as const, done: "budget_set" };
      },
    },
    end_promotion: {
      run: async (actor, formData) => {
        await endPromotion(db, actor, String(formData.get("promotionId") ?? ""));
        return { ok: true as const, done: "promotion_ended" };
      },
    },
  });
}

export default function PointsRules() {
  const { multipliers, promotions, categories, products, today, earningRules, firstClaimBonus, untranslated, translation, budgets } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const promoErrors = v.intent === "create_promotion" ? errors : undefined;
  return (
    <>
      <PageHeader title={t("claims.rules_title")} subtitle={t("claims.rules_subtitle")} />
      {result && "done" in result ? (
        <Notice>{t(result.done === "budget_set" ? "gates.budget.saved" : `claims.rules_done.${result.done}`)}</Notice>
      ) : null}
      {v.intent && !["create_promotion", "create_earning_rule", "set_first_claim_bonus", "translate", "set_budget"].includes(v.intent) ? (
        <FormErrors errors={errors} />
      ) : null}

      <FirstClaimBonusForm
        value={firstClaimBonus}
        errors={v.intent === "set_first_claim_bonus" ? errors : undefined}
        typed={v.firstClaimBonus}
      />
      <EarningRulesCard rules={earningRules} today={today} />
      <EarningRuleForm categories={categories} today={today} errors={v.intent === "create_earning_rule" ? errors : undefined} values={v} />

      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        {(["tiers", "roles"] as const).map((group) => (
          <Card key={group}>
            <h2 className="mb-1 text-lg font-semibold">{t(`claims.rules_${group}`)}</h2>
            <p className="mb-3 text-sm text-slate-600">{t("claims.rules_multiplier_hint")}</p>
            <ul className="divide-y divide-slate-100">
              {multipliers[group].map((m) => {
                const fieldErrors = v.intent === "set_multiplier" && v.key === m.key ? errors : undefined;
                return (
                  <li key={m.key} className="py-2">
                    <Form method="post" className="flex flex-wrap items-end gap-3">
                      <input type="hidden" name="intent" value="set_multiplier" />
                      <input type="hidden" name="dimension" value={m.dimension} />
                      <input type="hidden" name="key" value={m.key} />
                      <TextField
                        className="mb-0 w-32"
                        id={`f-${m.dimension}-${m.key}`}
                        label={t(m.dimension === "tier" ? `tier.${m.key}` : `role.${m.key}`)}
                        name="percent"
                        inputMode="numeric"
                        defaultValue={fieldErrors ? v.percent : String(m.percent)}
                        errors={fieldErrors}
                      />
                      <span className="mb-3 text-sm text-slate-600">{t("claims.rules_percent_note", { factor: m.percent / 100 })}</span>
                      <Button type="submit" variant="secondary" className="mb-1">
                        {t("common.save")}
                      </Button>
                      {m.since ? (
                        <span className="mb-3 w-full text-xs text-slate-500">{t("claims.rules_since", { date: f.day(m.since) })}</span>
                      ) : null}
                    </Form>
                  </li>
                );
              })}
            </ul>
          </Card>
        ))}
      </div>

      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("claims.promotions")}</h2>
        {promotions.length ? (
          <Table
            head={[
              t("claims.promo_name"),
              t("claims.promo_window"),
              t("claims.promo_scope"),
              t("claims.promo_factor"),
              t("gates.budget.column"),
              "",
            ]}
          >
            {promotions.map((p) => {
              const over = !p.active || p.endsOn < today;
              return (
                <tr key={p.id} className={over ? "text-slate-500" : ""}>
                  <td className="px-3 py-2 font-medium">
                    {p.name}
                    <Link
                      to={`?translate=${p.id}`}
                      preventScrollReset
                      className="mt-1 flex flex-wrap items-center gap-1 text-xs font-normal text-brand-700 underline"
                    >
                      {t("content.translations")}
                      {untranslated[p.id] ? <Badge tone="amber">{t("content.not_translated")}</Badge> : null}
                    </Link>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {f.day(p.startsOn)} – {f.day(p.endsOn)}
                  </td>
                  <td className="px-3 py-2">
                    {p.scope === "category" ? p.category : p.products.map((x) => x.sku).join(", ")}
                    <span className="block text-xs text-slate-600">
                      <AudienceText tiers={p.tiers} regions={p.regions} roles={p.roles} />
                    </span>
                  </td>
                  <td className="px-3 py-2">× {f.number(p.percent / 100)}</td>
                  <td className="px-3 py-2">
                    <PromotionBudget
                      promotionId={p.id}
                      figures={budgets[p.id]}
                      error={
                        v.intent === "set_budget" && v.promotionId === p.id && errors.budget
                          ? errors.budget.map((m) => t(m.key, m.vars)).join(" ")
                          : undefined
                      }
                      typed={v.intent === "set_budget" && v.promotionId === p.id ? v.budget : undefined}
                    />
                  </td>
                  <td className="px-3 py-2 text-right">
                    {over ? (
                      <Badge>{t(p.active ? "claims.promo_over" : "claims.promo_cancelled")}</Badge>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="end_promotion" />
                        <input type="hidden" name="promotionId" value={p.id} />
                        <Button type="submit" variant="secondary" className="min-h-9 px-2">
                          {t("claims.promo_end")}
                        </Button>
                      </Form>
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
        ) : (
          <p className="text-sm text-slate-600">{t("claims.promo_none")}</p>
        )}
        {translation ? <UnitTranslations key={translation.id} unit={translation} result={result} /> : null}
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("claims.promo_new")}</h2>
        <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-2">
          <input type="hidden" name="intent" value="create_promotion" />
          <TextField label={t("claims.promo_name")} name="name" defaultValue={promoErrors ? v.name : ""} errors={promoErrors} />
          <TextField
            label={t("claims.promo_percent")}
            name="percent"
            inputMode="numeric"
            defaultValue={promoErrors ? v.percent : "200"}
            errors={promoErrors}
            hint={t("claims.promo_percent_hint")}
          />
          <TextField
            label={t("claims.promo_starts")}
            name="startsOn"
            type="date"
            defaultValue={promoErrors ? v.startsOn : today}
            errors={promoErrors}
          />
          <TextField
            label={t("claims.promo_ends")}
            name="endsOn"
            type="date"
            defaultValue={promoErrors ? v.endsOn : ""}
            errors={promoErrors}
          />
          <SelectField
            label={t("claims.promo_scope")}
            name="scope"
            defaultValue={promoErrors ? v.scope : "category"}
            errors={promoErrors}
            options={[
              { value: "category", label: t("claims.promo_scope_category") },
              { value: "products", label: t("claims.promo_scope_products") },
            ]}
          />
          <SelectField
            label={t("claims.category")}
            name="category"
            defaultValue={promoErrors ? v.category : ""}
            errors={promoErrors}
            options={[{ value: "", label: "—" }, ...categories.map((c) => ({ value: c, label: c }))]}
          />
          <div className="mb-4 md:col-span-2">
            <label htmlFor="f-productIds" className="mb-1 block text-sm font-medium text-slate-700">
              {t("claims.promo_products")}
            </label>
            <select
              id="f-productIds"
              name="productIds"
              multiple
              size={6}
              className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
              aria-invalid={promoErrors?.productIds ? true : undefined}
            >
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.sku} · {p.name}
                </option>
              ))}
            </select>
            {promoErrors?.productIds ? (
              <p role="alert" className="mt-1 text-sm text-red-700">
                {promoErrors.productIds.map((m) => t(m.key, m.vars)).join(" ")}
              </p>
            ) : null}
          </div>
          <AudienceFields prefix="f-promo" values={promoErrors ? v : {}} />
          <div className="md:col-span-2">
            <Button type="submit">{t("claims.promo_create")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
