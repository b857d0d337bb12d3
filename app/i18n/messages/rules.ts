import { defineMessages } from "../define";

/** Earning rules of issue 19: percent of value, accelerators, bundles, first-claim bonus, targeting, reversal. */
export default defineMessages({
  en: {
    "claims.calc.line_head": "{name} ({sku}):",
    "claims.calc.part_units": "{qty} × {ppu} = {points} points for units",
    "claims.calc.part_value": "+ {percent}% of the invoice value {value} {currency} = {points} points",
    "claims.calc.part_factors": "× {factor} for tier, role and promotion",
    "claims.calc.part_accelerator": "× {factor} accelerator “{rule}” ({detail})",
    "claims.calc.line_sum": "= {points} points for this line",
    "claims.calc.value_rule": "“{rule}”: {percent}% of the invoice value, 1 point = {point} {currency}",
    "claims.calc.value_rule_stepped":
      "“{rule}”: {percent}% of the invoice value (last month's volume {volume}), 1 point = {point} {currency}",
    "claims.calc.accelerator.marginal":
      "Accelerator “{rule}”, each unit at its place in the invoice month's volume (before this claim: {volume}); bands {bands}",
    "claims.calc.accelerator.whole":
      "Accelerator “{rule}”, the band the invoice month's volume reaches applies to every unit (before this claim: {volume}); bands {bands}",
    "claims.calc.bundle": "Bonus “{rule}”: set {set} of {units} units completed, +{points} points (credited once)",
    "claims.calc.bundle_progress": "Bonus “{rule}”: {count} of {units} units towards the next set this month",
    "claims.calc.first_claim": "First-claim bonus: +{points} points (credited once, with your first approved claim)",
    "errors.rules.range": "Out of range.",
    "errors.rules.steps": "One step per line: where it starts and its value, e.g. “101 5”. Percents of value may have two decimals.",
    "claims.status.reversed": "Reversed",
    "claims.event.reversed": "{name} reversed it",
    "rules.notice.reversed": "Claim {number} was reversed; {count} points were taken back",
    "rules.reverse": "Reverse this claim",
    "rules.reversed_because": "Reversed after approval, because:",
    "rules.reverse_reason": "Why it is reversed (the claimant reads this)",
    "rules.reverse_hint": "Takes back the claim's points and any bonus it completed. Say why; the claimant reads it.",
    "rules.reverse_done": "Claim {number} reversed: {count} points taken back.",
    "rules.ledger.bundle": "Bonus “{rule}”: set {set} completed ({period})",
    "rules.ledger.first_claim": "First-claim bonus",
    "rules.ledger.reversed": "Claim {number} reversed: {reason}",
    "rules.ledger.bonus_reversed": "Bonus taken back with claim {number}",
  },
  ru: {
    "claims.calc.line_head": "{name} ({sku}):",
    "claims.calc.part_units": "{qty} × {ppu} = {points} баллов за единицы",
    "claims.calc.part_value": "+ {percent}% от суммы счёта {value} {currency} = {points} баллов",
    "claims.calc.part_factors": "× {factor} за уровень, роль и акцию",
    "claims.calc.part_accelerator": "× {factor} ускоритель «{rule}» ({detail})",
    "claims.calc.line_sum": "= {points} баллов за эту строку",
    "claims.calc.value_rule": "«{rule}»: {percent}% от суммы счёта, 1 балл = {point} {currency}",
    "claims.calc.value_rule_stepped": "«{rule}»: {percent}% от суммы счёта (объём прошлого месяца {volume}), 1 балл = {point} {currency}",
    "claims.calc.accelerator.marginal":
      "Ускоритель «{rule}»: каждая единица по её месту в объёме месяца счёта (до этой заявки: {volume}); ступени {bands}",
    "claims.calc.accelerator.whole":
      "Ускоритель «{rule}»: ступень, которой достиг объём месяца счёта, действует на все единицы (до этой заявки: {volume}); ступени {bands}",
    "claims.calc.bundle": "Бонус «{rule}»: набор {set} из {units} единиц собран, +{points} баллов (начисляется один раз)",
    "claims.calc.bundle_progress": "Бонус «{rule}»: {count} из {units} единиц до следующего набора в этом месяце",
    "claims.calc.first_claim": "Бонус за первую заявку: +{points} баллов (один раз, с первой одобренной заявкой)",
    "errors.rules.range": "Значение вне допустимого диапазона.",
    "errors.rules.steps":
      "По одной ступени в строке: откуда она начинается и её значение, например «101 5». Процент от суммы — до двух знаков после запятой.",
    "claims.status.reversed": "Отменена",
    "claims.event.reversed": "{name} отменил(а) заявку",
    "rules.notice.reversed": "Заявка {number} отменена; списано баллов: {count}",
    "rules.reverse": "Отменить заявку",
    "rules.reversed_because": "Отменена после одобрения, причина:",
    "rules.reverse_reason": "Причина отмены (её прочтёт заявитель)",
    "rules.reverse_hint": "Списывает баллы заявки и бонусы, которые она принесла. Укажите причину — её прочтёт заявитель.",
    "rules.reverse_done": "Заявка {number} отменена: списано баллов: {count}.",
    "rules.ledger.bundle": "Бонус «{rule}»: набор {set} собран ({period})",
    "rules.ledger.first_claim": "Бонус за первую заявку",
    "rules.ledger.reversed": "Заявка {number} отменена: {reason}",
    "rules.ledger.bonus_reversed": "Бонус отменён вместе с заявкой {number}",
  },
});
