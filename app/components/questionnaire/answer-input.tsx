import type { Question } from "~/domain/questionnaires/model";
import { scaleValues } from "~/domain/questionnaires/model";
import { useT } from "~/i18n/react";

const FIELD = "block w-full min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base";

/**
 * The control for one question of the shared builder (mystery reports and surveys), sized for a
 * thumb: big radio tiles for yes/no, scales and choices, a numeric keyboard for numbers. The form
 * around it owns the value; a photo question is the caller's (it needs the upload handling).
 */
export function AnswerInput({
  question: q,
  name,
  value,
  onChange,
}: {
  question: Question;
  name: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useT();
  const tile = (v: string, label: string, wide = true) => (
    <label
      key={v}
      className={`flex min-h-11 flex-1 items-center justify-center gap-1 rounded-lg border px-2 ${wide ? "gap-2 px-3" : ""} ${value === v ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
    >
      <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
      {label}
    </label>
  );
  if (q.type === "yes_no")
    return <div className="mt-2 flex gap-2">{["yes", "no"].map((v) => tile(v, t(`questionnaire.answer.${v}`)))}</div>;
  if (q.type === "scale") return <div className="mt-2 flex gap-1">{scaleValues("scale").map((v) => tile(v, v, false))}</div>;
  if (q.type === "nps")
    return (
      <div className="mt-2">
        <div className="grid grid-cols-6 gap-1 sm:grid-cols-11">{scaleValues("nps").map((v) => tile(v, v, false))}</div>
        <div className="mt-1 flex justify-between text-xs text-slate-500">
          <span>{t("questionnaire.nps.low")}</span>
          <span>{t("questionnaire.nps.high")}</span>
        </div>
      </div>
    );
  if (q.type === "choice")
    return (
      <div className="mt-2 space-y-1">
        {q.options?.map((o) => (
          <label
            key={o.id}
            className={`flex min-h-11 items-center gap-2 rounded-lg border px-3 ${value === o.id ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
          >
            <input type="radio" name={name} value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} />
            {o.label}
          </label>
        ))}
      </div>
    );
  if (q.type === "number")
    return (
      <input
        type="text"
        inputMode="decimal"
        aria-label={q.text}
        className={`mt-2 ${FIELD}`}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  if (q.type === "text")
    return (
      <textarea
        aria-label={q.text}
        rows={3}
        maxLength={2000}
        className="mt-2 block w-full rounded-lg border border-slate-300 p-3 text-base"
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return null;
}
