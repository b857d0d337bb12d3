import { pageMeta } from "~/lib/page-meta";
import { formatPhone } from "~/domain/sms/phone";
import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { PARTNER_KINDS, TIERS } from "@db/schema/enums";
import { inviteSchema, organisationFields, outletSchema } from "~/domain/organisations/forms";
import { addOutlet, getOrganisation, listChannelManagers, updateOrganisation } from "~/domain/organisations/organisations.server";
import { setPersonOutlet } from "~/domain/people/outlets.server";
import { changeRole, deactivatePerson, invitePerson, listPeople, reactivatePerson, resendInvitation } from "~/domain/people/people.server";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, SelectField, Table, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/locale.server";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { assignableRoles, can } from "~/lib/permissions";
import { ROLES } from "@db/schema/enums";
import type { Route } from "./+types/detail";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "organisation.view");
  const db = await getDb();
  const org = orNotFound(await getOrganisation(db, actor, params.orgId));
  const isManufacturerOrg = org.kind === "manufacturer";
  const canUpdate = can(actor.role, "organisation.update") && !isManufacturerOrg;
  return {
    pageTitle: { name: org.name },
    org,
    people: await listPeople(db, actor, org.id),
    canUpdate,
    canInvite: can(actor.role, "people.invite"),
    canManage: can(actor.role, "people.manage"),
    canErase: can(actor.role, "people.erase"),
    canSetOutlet: can(actor.role, "people.outlet") && org.kind !== "manufacturer" && org.outlets.length > 0,
    roles: assignableRoles(actor.role, isManufacturerOrg),
    channelManagers: canUpdate ? await listChannelManagers(db) : [],
    me: actor.id,
  };
}

const personSchema = z.object({ userId: z.string() });

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  const orgId = requireId(params.orgId);
  return dispatchIntent(request, context, "organisation.view", {
    update: {
      can: "organisation.update",
      run: async (actor, formData) => {
        await updateOrganisation(db, actor, orgId, parseForm(z.object(organisationFields), formData));
        return { ok: true as const, done: "updated" };
      },
    },
    add_outlet: {
      can: "organisation.update",
      run: async (actor, formData) => {
        await addOutlet(db, actor, orgId, parseForm(outletSchema, formData));
        return { ok: true as const, done: "outlet_added" };
      },
    },
    invite: {
      can: "people.invite",
      run: async (actor, formData) => {
        const input = parseForm(inviteSchema, formData);
        await invitePerson(db, actor, { ...input, organisationId: orgId }, resolveLocale(request, actor));
        return { ok: true as const, done: "invited" };
      },
    },
    resend: {
      can: "people.invite",
      run: async (actor, formData) => {
        await resendInvitation(db, actor, parseForm(personSchema, formData).userId);
        return { ok: true as const, done: "resent", flash: { key: "org.done.resent" } };
      },
    },
    deactivate: {
      can: "people.manage",
      run: async (actor, formData) => {
        const input = parseForm(personSchema.extend({ reason: z.string().trim().max(500, "errors.too_long").optional() }), formData);
        await deactivatePerson(db, actor, input.userId, input.reason || null);
        return { ok: true as const, done: "deactivated", flash: { key: "org.done.deactivated" } };
      },
    },
    reactivate: {
      can: "people.manage",
      run: async (actor, formData) => {
        await reactivatePerson(db, actor, parseForm(personSchema, formData).userId);
        return { ok: true as const, done: "reactivated", flash: { key: "org.done.reactivated" } };
      },
    },
    set_outlet: {
      can: "people.outlet",
      run: async (actor, formData) => {
        const input = parseForm(personSchema.extend({ outletId: z.string().max(40).optional() }), formData);
        await setPersonOutlet(db, actor, input.userId, input.outletId || null);
        return { ok: true as const, done: "outlet_set", flash: { key: "outlets.done.set" } };
      },
    },
    change_role: {
      can: "people.manage",
      run: async (actor, formData) => {
        const input = parseForm(personSchema.extend({ role: z.enum(ROLES, "errors.choose") }), formData);
        await changeRole(db, actor, input.userId, input.role);
        return { ok: true as const, done: "role_changed", flash: { key: "org.done.role_changed" } };
      },
    },
  });
}

export default function OrganisationDetail() {
  const { org, people, canUpdate, canInvite, canManage, canErase, canSetOutlet, roles, channelManagers, me } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const done = result && "done" in result ? result.done : params.get("created") ? "created" : params.get("erased") ? "erased" : null;
  const isPartner = org.kind !== "manufacturer";
  // Buttons in the people table have no fields of their own to show a message under.
  const rowIntent = ["change_role", "set_outlet", "deactivate", "reactivate", "resend"].includes(v.intent ?? "");
  const outletName = new Map(org.outlets.map((o) => [o.id, o.name]));
  const topErrors = rowIntent ? { _form: Object.values(errors).flat() } : errors;
  return (
    <>
      <PageHeader
        title={org.name}
        subtitle={
          isPartner ? (
            <>
              {t(`org.kind.${org.kind}`)} · {org.region} · <Badge tone="blue">{t(`tier.${org.tier}`)}</Badge>
              {org.channelManager ? ` · ${t("org.channel_manager")}: ${org.channelManager.name}` : null}
            </>
          ) : null
        }
      />
      {/* A row's button (role, deactivate) answers in the message bar near the thumb; the forms below answer here. */}
      {done && !(result && "flash" in result) ? <Notice>{t(`org.done.${done}`)}</Notice> : null}
      <FormErrors errors={topErrors} />

      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("org.people")}</h2>
        <Table
          head={[
            t("people.name"),
            t("auth.email"),
            t("people.role"),
            ...(isPartner && org.outlets.length ? [t("outlets.person_outlet")] : []),
            t("people.status"),
            "",
          ]}
        >
          {people.map((p) => (
            <tr key={p.id} className={p.status === "deactivated" ? "text-slate-500" : ""}>
              <td className="px-3 py-2 font-medium">{p.name}</td>
              <td className="px-3 py-2">
                {p.email}
                {p.phone ? <span className={p.email ? "block text-sm text-slate-600" : ""}>{formatPhone(p.phone)}</span> : null}
              </td>
              <td className="px-3 py-2">
                {canManage && roles.length && p.id !== me && p.status !== "deactivated" ? (
                  <Form method="post" className="flex items-center gap-2">
                    <input type="hidden" name="intent" value="change_role" />
                    <input type="hidden" name="userId" value={p.id} />
                    <label className="sr-only" htmlFor={`role-${p.id}`}>
                      {t("people.role")}
                    </label>
                    <select id={`role-${p.id}`} name="role" defaultValue={p.role} className="min-h-11 rounded border border-slate-300 px-2">
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                    <Button type="submit" variant="secondary" className="px-3">
                      {t("common.save")}
                    </Button>
                  </Form>
                ) : (
                  t(`role.${p.role}`)
                )}
              </td>
              {isPartner && org.outlets.length ? (
                <td className="px-3 py-2">
                  {canSetOutlet && p.status !== "deactivated" && !p.erasedAt ? (
                    <Form method="post" className="flex items-center gap-2">
                      <input type="hidden" name="intent" value="set_outlet" />
                      <input type="hidden" name="userId" value={p.id} />
                      <label className="sr-only" htmlFor={`outlet-${p.id}`}>
                        {t("outlets.person_outlet_of", { name: p.name })}
                      </label>
                      <select
                        id={`outlet-${p.id}`}
                        name="outletId"
                        defaultValue={p.outletId ?? ""}
                        className="min-h-11 min-w-0 rounded border border-slate-300 px-2"
                      >
                        <option value="">{t("outlets.none")}</option>
                        {org.outlets.map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                      <Button type="submit" variant="secondary" className="px-3">
                        {t("common.save")}
                      </Button>
                    </Form>
                  ) : p.outletId ? (
                    outletName.get(p.outletId)
                  ) : (
                    t("outlets.none")
                  )}
                </td>
              ) : null}
              <td className="px-3 py-2">
                <Badge tone={p.status === "active" ? "green" : p.status === "invited" ? "amber" : "slate"}>
                  {t(`people.status.${p.status}`)}
                </Badge>
                {p.deactivatedAt ? <span className="ml-2 text-xs">{f.date(p.deactivatedAt)}</span> : null}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                {canManage && roles.length && p.id !== me && !p.erasedAt ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="userId" value={p.id} />
                    {p.status === "deactivated" ? (
                      <Button type="submit" name="intent" value="reactivate" variant="secondary" className="px-3">
                        {t("people.reactivate")}
                      </Button>
                    ) : (
                      <Button type="submit" name="intent" value="deactivate" variant="danger" className="px-3">
                        {t("people.deactivate")}
                      </Button>
                    )}
                  </Form>
                ) : null}
                {canErase && p.id !== me && !p.erasedAt ? (
                  <Link to={`/people/${p.id}/erase`} className="ml-2 inline-flex min-h-11 items-center px-2 text-sm text-red-700 underline">
                    {t("privacy.erase.action")}
                  </Link>
                ) : null}
                {canInvite && roles.length && p.status === "invited" ? (
                  <Form method="post" className="ml-2 inline">
                    <input type="hidden" name="userId" value={p.id} />
                    <Button type="submit" name="intent" value="resend" variant="secondary" className="px-3">
                      {t("people.resend")}
                    </Button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      </Card>

      {canInvite && roles.length ? (
        <Card className="mb-4">
          <h2 className="mb-3 text-lg font-semibold">{t("people.invite")}</h2>
          <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-3">
            <input type="hidden" name="intent" value="invite" />
            <TextField
              id="invite-name"
              label={t("people.name")}
              name="name"
              defaultValue={v.intent === "invite" ? v.name : ""}
              errors={v.intent === "invite" ? errors : undefined}
            />
            <TextField
              id="invite-email"
              label={t("auth.email")}
              name="email"
              type="email"
              inputMode="email"
              defaultValue={v.intent === "invite" ? v.email : ""}
              errors={v.intent === "invite" ? errors : undefined}
            />
            <TextField
              id="invite-phone"
              label={t("sms.phone_optional")}
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              hint={t("sms.code.phone_hint")}
              defaultValue={v.intent === "invite" ? v.phone : ""}
              errors={v.intent === "invite" ? errors : undefined}
            />
            <SelectField
              id="invite-role"
              label={t("people.role")}
              name="role"
              defaultValue={v.role ?? roles[0]}
              errors={v.intent === "invite" ? errors : undefined}
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
            <div className="md:col-span-3">
              <Button type="submit">{t("people.send_invite")}</Button>
            </div>
          </Form>
        </Card>
      ) : null}

      {isPartner ? (
        <Card className="mb-4">
          <h2 className="mb-3 text-lg font-semibold">{t("org.outlets")}</h2>
          <ul className="mb-4 divide-y divide-slate-100">
            {org.outlets.map((o) => (
              <li key={o.id} className="py-2">
                <p className="font-medium">{o.name}</p>
                <p className="text-sm text-slate-600">
                  {o.address}, {o.postalCode} {o.city}, {o.country}
                </p>
              </li>
            ))}
          </ul>
          {canUpdate ? (
            <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-2">
              <input type="hidden" name="intent" value="add_outlet" />
              {(["name", "address", "city", "postalCode", "country"] as const).map((field) => (
                <TextField
                  key={field}
                  id={`outlet-${field}`}
                  label={t(`outlet.${field === "postalCode" ? "postal_code" : field}`)}
                  name={field}
                  defaultValue={v.intent === "add_outlet" ? v[field] : ""}
                  errors={v.intent === "add_outlet" ? errors : undefined}
                />
              ))}
              <div className="md:col-span-2">
                <Button type="submit" variant="secondary">
                  {t("outlet.add")}
                </Button>
              </div>
            </Form>
          ) : null}
        </Card>
      ) : null}

      {canUpdate ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("org.edit")}</h2>
          <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-2">
            <input type="hidden" name="intent" value="update" />
            <TextField
              id="org-name"
              label={t("org.name")}
              name="name"
              defaultValue={org.name}
              errors={v.intent === "update" ? errors : undefined}
            />
            <SelectField
              id="org-kind"
              label={t("org.kind")}
              name="kind"
              defaultValue={org.kind}
              errors={v.intent === "update" ? errors : undefined}
              options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
            />
            <TextField
              id="org-region"
              label={t("org.region")}
              name="region"
              defaultValue={org.region}
              errors={v.intent === "update" ? errors : undefined}
            />
            <SelectField
              id="org-tier"
              label={t("org.tier")}
              name="tier"
              defaultValue={org.tier}
              errors={v.intent === "update" ? errors : undefined}
              options={TIERS.map((k) => ({ value: k, label: t(`tier.${k}`) }))}
            />
            <SelectField
              id="org-channel-manager"
              label={t("org.channel_manager")}
              name="channelManagerId"
              defaultValue={org.channelManagerId ?? ""}
              errors={v.intent === "update" ? errors : undefined}
              options={[{ value: "", label: "—" }, ...channelManagers.map((c) => ({ value: c.id, label: c.name }))]}
            />
            <div className="md:col-span-2">
              <Button type="submit" variant="secondary">
                {t("common.save")}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
    </>
  );
}
