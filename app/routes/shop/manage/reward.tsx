import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { RewardImage } from "~/components/shop";
import { RewardFields, TextArea, rewardFormValues, ActiveToggle } from "~/components/shop-admin";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, Table, TextField, errorsOf, valuesOf, FileField } from "~/components/ui";
import { listRewardCategories } from "~/domain/shop/rewards.server";
import { codesSchema, rewardFields, stockSchema, variantRefSchema, variantSchema } from "~/domain/shop/forms";
import {
  addCodes,
  addRewardImage,
  addVariant,
  adjustStock,
  getRewardForAdmin,
  removeRewardImage,
  rewardHistory,
  setVariantActive,
  updateReward,
} from "~/domain/shop/manage.server";
import { variantLabel } from "~/domain/shop/text";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import type { Actor } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { saveTranslations, translationsOf } from "~/domain/content/translations.server";
import { translatedTexts, translationSchema } from "~/domain/content/forms";
import { TranslationsCard } from "~/components/translations";
import { dispatchIntent } from "~/lib/intents.server";
import { FairWarning } from "~/components/fair";
import { fairSettings, fairnessOf, setRetailPrice } from "~/domain/shop/fair.server";
import type { Route } from "./+types/reward";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "shop.manage");
  const db = await getDb();
  const detail = orNotFound(await getRewardForAdmin(db, params.rewardId));
  const [categories, history, settings] = await Promise.all([
    listRewardCategories(db, { includeInactive: true }),
    rewardHistory(db, detail.reward.id),
    fairSettings(db),
  ]);
  return {
    ...detail,
    categories,
    history,
    settings,
    fair: fairnessOf(settings, detail.reward),
    translations: await translationsOf(db, "reward", detail.reward.id),
  };
}

/** The longest name and description the reward form accepts, for their translations too. */
const REWARD_TEXT = { name: 120, description: 2000 };
const rewardTranslationSchema = translationSchema(REWARD_TEXT);

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const id = params.rewardId;
  const setActive = (active: boolean) => ({
    run: async (actor: Actor, formData: FormData) => {
      await setVariantActive(db, actor, parseForm(variantRefSchema, formData).variantId, active);
      return { ok: true as const, done: "variant_changed" };
    },
  });
  return dispatchIntent(request, context, "shop.manage", {
    update: {
      run: async (actor, formData) => {
        await updateReward(db, actor, id, parseForm(rewardFields, formData));
        return { ok: true as const, done: "updated" };
      },
    },
    add_variant: {
      run: async (actor, formData) => {
        await addVariant(db, actor, id, parseForm(variantSchema, formData));
        return { ok: true as const, done: "variant_added" };
      },
    },
    adjust_stock: {
      run: async (actor, formData) => {
        const input = parseForm(stockSchema, formData);
        await adjustStock(db, actor, input.variantId, input.delta, input.reason || null);
        return { ok: true as const, done: "stock_adjusted" };
      },
    },
    enable_variant: setActive(true),
    disable_variant: setActive(false),
    add_codes: {
      run: async (actor, formData) => {
        const input = parseForm(codesSchema, formData);
        const added = await addCodes(db, actor, input.variantId, input.codes);
        return { ok: true as const, done: "codes_added", added };
      },
    },
    retail_price: {
      run: async (actor, formData) => {
        await setRetailPrice(
          db,
          actor,
          id,
          parseForm(z.object({ retailPrice: z.string().max(40, "errors.too_long").default("") }), formData).retailPrice,
        );
        return { ok: true as const, retailSaved: true as const };
      },
    },
    upload_image: {
      run: async (actor, formData) => {
        const file = formData.get("image");
        if (!(file instanceof File) || file.size === 0) throw new UserError("errors.required", "image");
        await addRewardImage(db, actor, id, file);
        return { ok: true as const, done: "image_added" };
      },
    },
    translate: {
      run: async (actor, formData) => {
        orNotFound(await getRewardForAdmin(db, id));
        const input = parseForm(rewardTranslationSchema, formData);
        await db.transaction((tx) => saveTranslations(tx, "reward", id, input.locale, translatedTexts(input, REWARD_TEXT), actor.id));
        return { ok: true as const, done: "updated", translated: true as const };
      },
    },
    remove_image: {
      run: async (actor, formData) => {
        await removeRewardImage(db, actor, id, parseForm(z.object({ url: z.string() }), formData).url);
        return { ok: true as const, done: "image_removed" };
      },
    },
  });
}

export default function ManageReward() {
  const { reward, variants, categories, history, translations, settings, fair } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const done = result && "done" in result ? result.done : params.get("created") ? "created" : null;
  const added = result && "added" in result ? result.added : null;
  const scoped = (intent: string) => (v.intent === intent ? errors : undefined);
  const digital = reward.kind === "digital";
  return (
    <>
      <PageHeader
        title={reward.name}
        subtitle={
          <Link to="/shop/manage" className="text-brand-600 underline">
            {t("shop.manage.back")}
          </Link>
        }
        actions={<Badge tone="blue">{t(digital ? "shop.kind.digital_long" : "shop.kind.physical_long")}</Badge>}
      />
      {done ? (
        <Notice>
          {added ? t("shop.manage.codes_added", { count: added.added, skipped: added.skipped }) : t(`shop.manage.done.${done}`)}
        </Notice>
      ) : null}
      {result && "retailSaved" in result ? <Notice>{t("fair.retail_saved")}</Notice> : null}
      {fair.warn && fair.overRetailPercent != null ? <FairWarning percent={fair.overRetailPercent} className="mb-4" /> : null}
      <FormErrors errors={errors} />

      <Card className="mb-4">
        <h2 className="mb-2 text-lg font-semibold">{t("fair.title")}</h2>
        <Form method="post" noValidate className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="retail_price" />
          <TextField
            label={t("fair.retail_price", { currency: settings.currency })}
            name="retailPrice"
            inputMode="decimal"
            hint={t("fair.retail_hint")}
            defaultValue={
              v.intent === "retail_price"
                ? v.retailPrice
                : reward.retailPriceMinor != null && reward.retailCurrency
                  ? f.moneyInput(reward.retailPriceMinor, reward.retailCurrency)
                  : ""
            }
            errors={scoped("retail_price")}
            className="mb-0 w-full sm:w-64"
          />
          <Button type="submit" variant="secondary">
            {t("common.save")}
          </Button>
        </Form>
        <p className="mt-2 text-sm text-slate-600">
          {t("fair.cost_line", { cost: f.money(fair.costMinor, fair.currency), margin: settings.fairMarginPercent })}
        </p>
      </Card>

      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("shop.manage.variants")}</h2>
        <Table
          head={[
            t("shop.manage.option"),
            t("shop.manage.sku"),
            t("shop.manage.stock"),
            digital ? t("shop.manage.codes") : t("shop.manage.adjust"),
            "",
          ]}
        >
          {variants.map(({ variant: x, freeCodes, usedCodes }) => (
            <tr key={x.id} className={x.active ? "" : "text-slate-500"}>
              <td className="px-3 py-2">{variantLabel(x) || t("shop.manage.single_option")}</td>
              <td className="px-3 py-2 font-mono text-xs">{x.sku}</td>
              <td className="px-3 py-2" data-testid={`stock-${x.id}`}>
                {f.number(x.stock)}
              </td>
              <td className="px-3 py-2">
                {digital ? (
                  <Form method="post" noValidate className="min-w-56">
                    <input type="hidden" name="intent" value="add_codes" />
                    <input type="hidden" name="variantId" value={x.id} />
                    <p className="mb-1 text-xs text-slate-600">{t("shop.manage.codes_state", { free: freeCodes, used: usedCodes })}</p>
                    <TextArea
                      label={t("shop.manage.paste_codes")}
                      name="codes"
                      id={`codes-${x.id}`}
                      rows={3}
                      errors={v.variantId === x.id ? scoped("add_codes") : undefined}
                      className="mb-2"
                    />
                    <Button type="submit" variant="secondary" className="min-h-9 px-2">
                      {t("shop.manage.add_codes")}
                    </Button>
                  </Form>
                ) : (
                  <Form method="post" noValidate className="flex flex-wrap items-start gap-2">
                    <input type="hidden" name="intent" value="adjust_stock" />
                    <input type="hidden" name="variantId" value={x.id} />
                    <TextField
                      label={t("shop.manage.delta")}
                      name="delta"
                      id={`delta-${x.id}`}
                      inputMode="numeric"
                      className="mb-0 w-24"
                      errors={v.variantId === x.id ? scoped("adjust_stock") : undefined}
                    />
                    <TextField label={t("shop.manage.reason")} name="reason" id={`reason-${x.id}`} className="mb-0 w-40" />
                    <Button type="submit" variant="secondary" className="mt-6 min-h-11 px-2">
                      {t("shop.manage.apply")}
                    </Button>
                  </Form>
                )}
              </td>
              <td className="px-3 py-2">
                <ActiveToggle
                  field="variantId"
                  id={x.id}
                  active={x.active}
                  intents={{ enable: "enable_variant", disable: "disable_variant" }}
                />
              </td>
            </tr>
          ))}
        </Table>
        <Form method="post" noValidate className="mt-4 grid gap-x-3 sm:grid-cols-5 sm:items-end">
          <input type="hidden" name="intent" value="add_variant" />
          <TextField label={t("shop.manage.size")} name="size" errors={scoped("add_variant")} />
          <TextField label={t("shop.manage.colour")} name="colour" errors={scoped("add_variant")} />
          <TextField label={t("shop.manage.sku")} name="sku" errors={scoped("add_variant")} />
          {digital ? (
            <input type="hidden" name="stock" value="0" />
          ) : (
            <TextField label={t("shop.manage.stock")} name="stock" inputMode="numeric" defaultValue="0" errors={scoped("add_variant")} />
          )}
          <div className="mb-4">
            <Button type="submit" variant="secondary">
              {t("shop.manage.add_variant")}
            </Button>
          </div>
        </Form>
      </Card>

      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("shop.manage.pictures")}</h2>
        <ul className="mb-3 flex flex-wrap gap-3">
          {reward.images.map((src) => (
            <li key={src} className="w-28">
              <RewardImage src={src} alt="" />
              <Form method="post" className="mt-1">
                <input type="hidden" name="url" value={src} />
                <button type="submit" name="intent" value="remove_image" className="text-sm text-red-700 underline">
                  {t("shop.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" encType="multipart/form-data" noValidate className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="upload_image" />
          <FileField
            label={t("shop.manage.upload")}
            name="image"
            accept="image/png,image/jpeg,image/webp"
            errors={scoped("upload_image")}
          />
          <Button type="submit" variant="secondary" className="mb-4">
            {t("shop.manage.upload_button")}
          </Button>
        </Form>
      </Card>

      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("shop.manage.details")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update" />
          <RewardFields categories={categories} values={rewardFormValues(reward)} errors={scoped("update") ?? {}} />
          <Button type="submit">{t("common.save")}</Button>
        </Form>
      </Card>

      <TranslationsCard
        fields={[
          { name: "name", label: t("content.field.name"), maxLength: REWARD_TEXT.name, text: reward.name },
          {
            name: "description",
            label: t("content.field.description"),
            long: true,
            maxLength: REWARD_TEXT.description,
            text: reward.description,
          },
        ]}
        translations={translations}
        errors={scoped("translate") ?? {}}
        values={v}
        saved={!!result && "translated" in result}
      />

      <Card className="mt-4">
        <h2 className="mb-3 text-lg font-semibold">{t("shop.manage.history")}</h2>
        <Table head={[t("audit.when"), t("audit.who"), t("audit.what"), t("audit.why"), t("audit.details")]}>
          {history.map((h) => (
            <tr key={h.id}>
              <td className="px-3 py-2 whitespace-nowrap">{f.dateTime(h.createdAt)}</td>
              <td className="px-3 py-2">{h.actorName ?? t("audit.system")}</td>
              <td className="px-3 py-2 font-mono text-xs">{h.action}</td>
              <td className="px-3 py-2">{h.reason ?? ""}</td>
              <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={JSON.stringify(h.details)}>
                {JSON.stringify(h.details)}
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
