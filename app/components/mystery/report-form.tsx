import { useEffect, useRef, useState } from "react";
import { Form, useNavigation } from "react-router";
import { loadStoredFiles, storeFiles } from "~/components/claims/parts";
import { AnswerInput } from "~/components/questionnaire/answer-input";
import { Button, Card, FormErrors } from "~/components/ui";
import type { Questionnaire } from "~/domain/mystery/scoring";
import { allQuestions, percentText, scoreReport } from "~/domain/mystery/scoring";
import { useFormat, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";

/**
 * The shopper's report, filled on site on a phone. Everything typed is kept on the phone at once
 * (localStorage; photos in IndexedDB, the same stores as the claim form's drafts), so a dropped
 * signal or a closed tab loses nothing; the page brings it back on the next visit and forgets it
 * once the server has the report.
 */
export const MYSTERY_DRAFT_PREFIX = "portal:mystery-draft:";

export function mysteryDraftKey(userId: string, visitId: string) {
  return `${userId}:${visitId}`;
}

type Stored = { values: Record<string, string>; photoFields: string[]; savedAt: number };

/** Forgets the phone's copy of a report once it was sent (the list page after a successful send). */
export function forgetMysteryDraft(key: string) {
  try {
    const raw = window.localStorage.getItem(MYSTERY_DRAFT_PREFIX + key);
    const stored = raw ? (JSON.parse(raw) as Stored) : null;
    for (const field of stored?.photoFields ?? []) void storeFiles(`mystery:${key}:${field}`, []);
    window.localStorage.removeItem(MYSTERY_DRAFT_PREFIX + key);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}

function putFile(input: HTMLInputElement | null, file: File) {
  if (!input || typeof DataTransfer === "undefined") return;
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
}

type Props = {
  storageKey: string;
  questionnaire: Questionnaire;
  roster: Array<{ id: string; name: string }>;
  dueFrom: string;
  dueTo: string;
  initial: Record<string, string>;
  errors: FieldErrors;
};

export function ReportForm(props: Props) {
  const t = useT();
  const f = useFormat();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [values, setValues] = useState<Record<string, string>>(props.initial);
  const [restored, setRestored] = useState<number | null>(null);
  const [photos, setPhotos] = useState<Record<string, string>>({});
  const [online, setOnline] = useState(true);
  const hydrated = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  const key = MYSTERY_DRAFT_PREFIX + props.storageKey;
  const questions = allQuestions(props.questionnaire);
  const photoFields = [...questions.filter((q) => q.type === "photo").map((q) => `photo.${q.id}`), "receipt"];

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per report; the key only changes with the page
  useEffect(() => {
    setOnline(navigator.onLine);
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    try {
      const raw = window.localStorage.getItem(key);
      const stored = raw ? (JSON.parse(raw) as Stored) : null;
      if (stored && Object.keys(props.errors).length === 0) {
        setValues((v) => ({ ...v, ...stored.values }));
        setRestored(stored.savedAt);
      }
    } catch {
      // Nothing to restore.
    }
    for (const field of photoFields)
      void loadStoredFiles(`mystery:${props.storageKey}:${field}`).then(([file]) => {
        const input = form.current?.elements.namedItem(field) as HTMLInputElement | null;
        if (file && input && !input.files?.length) {
          putFile(input, file);
          setPhotos((p) => ({ ...p, [field]: file.name }));
        }
      });
    hydrated.current = true;
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, [key]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: photoFields follows the questionnaire, fixed for the page
  useEffect(() => {
    if (!hydrated.current) return;
    try {
      window.localStorage.setItem(key, JSON.stringify({ values, photoFields, savedAt: Date.now() } satisfies Stored));
    } catch {
      // Storage full or disabled.
    }
  }, [values, key]);

  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const input = (name: string) => ({
    name,
    value: values[name] ?? "",
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(name, e.target.value),
  });
  const err = (name: string) => props.errors[name]?.map((m) => t(m.key, m.vars)).join(" ");

  function onPhoto(field: string, e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0] ?? null;
    setPhotos((p) => ({ ...p, [field]: file?.name ?? "" }));
    void storeFiles(`mystery:${props.storageKey}:${field}`, file ? [file] : []);
  }

  const answers = Object.fromEntries(
    questions.map((q) => [q.id, values[`na.${q.id}`] === "on" ? { na: true } : { value: values[`a.${q.id}`] ?? "" }]),
  );
  const live = scoreReport(props.questionnaire, answers);
  const field = "block w-full min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base";

  return (
    <Form method="post" encType="multipart/form-data" noValidate className="space-y-4" ref={form}>
      {!online ? (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("mystery.form.offline")}
        </div>
      ) : null}
      {restored ? (
        <div role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm text-brand-700">
          {t("mystery.form.restored", { time: f.dateTime(new Date(restored)) })}
        </div>
      ) : null}
      <FormErrors errors={props.errors} />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("mystery.form.visit")}</h2>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <label className="block text-sm font-medium text-slate-700">
            {t("mystery.form.visit_day")}
            <input type="date" min={props.dueFrom} max={props.dueTo} className={field} {...input("visitDay")} />
            {err("visitDay") ? (
              <span role="alert" className="text-red-700">
                {err("visitDay")}
              </span>
            ) : null}
          </label>
          <label className="block text-sm font-medium text-slate-700">
            {t("mystery.form.time_in")}
            <input type="time" className={field} {...input("timeIn")} />
            {err("timeIn") ? (
              <span role="alert" className="text-red-700">
                {err("timeIn")}
              </span>
            ) : null}
          </label>
          <label className="block text-sm font-medium text-slate-700">
            {t("mystery.form.time_out")}
            <input type="time" className={field} {...input("timeOut")} />
            {err("timeOut") ? (
              <span role="alert" className="text-red-700">
                {err("timeOut")}
              </span>
            ) : null}
          </label>
        </div>
        <label className="mt-3 block text-sm font-medium text-slate-700">
          {t("mystery.form.seller")}
          <select className={field} {...input("sellerUserId")}>
            <option value="">{t("mystery.form.seller_not_listed")}</option>
            {props.roster.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err("sellerUserId") ? (
            <span role="alert" className="text-red-700">
              {err("sellerUserId")}
            </span>
          ) : null}
        </label>
        <label className="mt-3 block text-sm font-medium text-slate-700">
          {t("mystery.form.seller_description")}
          <input className={field} maxLength={500} {...input("sellerDescription")} />
        </label>
      </Card>

      {props.questionnaire.sections.map((s) => (
        <Card key={s.id}>
          {s.title ? <h2 className="mb-3 text-lg font-semibold">{s.title}</h2> : null}
          <ol className="space-y-5">
            {s.questions.map((q) => {
              const na = values[`na.${q.id}`] === "on";
              const name = `a.${q.id}`;
              const error = err(name) ?? err(`photo.${q.id}`);
              return (
                <li key={q.id}>
                  <fieldset>
                    <legend className="font-medium">
                      {q.text}
                      {q.key ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("mystery.key")}</span> : null}
                    </legend>
                    {na ? null : q.type !== "photo" ? (
                      <AnswerInput question={q} name={name} value={values[name] ?? ""} onChange={(v) => set(name, v)} />
                    ) : (
                      <div className="mt-2">
                        <input
                          type="file"
                          name={`photo.${q.id}`}
                          accept="image/jpeg,image/png,image/webp,image/heic"
                          capture="environment"
                          aria-label={q.text}
                          onChange={(e) => onPhoto(`photo.${q.id}`, e)}
                          className="block text-sm"
                        />
                        {photos[`photo.${q.id}`] ? (
                          <p className="text-sm text-slate-600">{t("mystery.form.photo_kept", { name: photos[`photo.${q.id}`] })}</p>
                        ) : null}
                      </div>
                    )}
                    <label className="mt-2 flex min-h-9 items-center gap-2 text-sm text-slate-600">
                      <input
                        type="checkbox"
                        name={`na.${q.id}`}
                        checked={na}
                        onChange={(e) => set(`na.${q.id}`, e.target.checked ? "on" : "")}
                      />
                      {t("mystery.form.not_applicable")}
                    </label>
                    {error ? (
                      <p role="alert" className="text-sm text-red-700">
                        {error}
                      </p>
                    ) : null}
                  </fieldset>
                </li>
              );
            })}
          </ol>
        </Card>
      ))}

      <Card>
        <label className="block text-sm font-medium text-slate-700">
          {t("mystery.form.receipt")}
          <input
            type="file"
            name="receipt"
            accept="image/jpeg,image/png,image/webp,image/heic,application/pdf"
            onChange={(e) => onPhoto("receipt", e)}
            className="mt-1 block text-sm"
          />
        </label>
        {err("receipt") ? (
          <p role="alert" className="text-sm text-red-700">
            {err("receipt")}
          </p>
        ) : null}
      </Card>

      <div className="sticky bottom-16 z-10 rounded-xl border border-slate-200 bg-white p-3 shadow-md md:bottom-2">
        <p className="mb-2 text-sm" data-testid="live-score">
          {t("mystery.form.live_score", { score: percentText(live.scorePermille) })}
        </p>
        <Button type="submit" disabled={busy} className="w-full">
          {t("mystery.form.submit")}
        </Button>
      </div>
    </Form>
  );
}
