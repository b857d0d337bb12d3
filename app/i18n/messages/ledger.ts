import { defineMessages } from "../define";

export default defineMessages({
  en: {
    "ledger.insufficient": {
      one: "You do not have enough points for this ({count} point needed).",
      other: "You do not have enough points for this ({count} points needed).",
    },
    "ledger.kind.earn": "Earned",
    "ledger.kind.redeem": "Spent",
    "ledger.kind.expire": "Expired",
    "ledger.kind.adjust": "Adjustment",
    "ledger.kind.reverse": "Reversal",
    "ledger.desc.welcome": "Welcome bonus for joining the programme",
    "ledger.desc.expired": "Points earned earlier expired",
    "ledger.desc.test": "Test entry",
    "ledger.calc.capped": "Monthly earning cap of {cap} points reached: {points} points credited",
  },
  ru: {
    "ledger.insufficient": {
      one: "Недостаточно баллов (нужен {count} балл).",
      few: "Недостаточно баллов (нужно {count} балла).",
      many: "Недостаточно баллов (нужно {count} баллов).",
      other: "Недостаточно баллов (нужно {count} балла).",
    },
    "ledger.kind.earn": "Начислено",
    "ledger.kind.redeem": "Потрачено",
    "ledger.kind.expire": "Сгорело",
    "ledger.kind.adjust": "Корректировка",
    "ledger.kind.reverse": "Сторно",
    "ledger.desc.welcome": "Приветственный бонус за участие в программе",
    "ledger.desc.expired": "Истёк срок действия ранее начисленных баллов",
    "ledger.desc.test": "Тестовая запись",
    "ledger.calc.capped": "Достигнут месячный лимит {cap} баллов: начислено {points}",
  },
});
