import { defineMessages } from "../define";

// Phone-first pages (issue 16): contest board, shop search, quiz results, webinar times, home.
export default defineMessages({
  en: {
    "pages.time.days": { one: "{count} day", other: "{count} days" },
    "pages.time.hours": { one: "{count} h", other: "{count} h" },
    "pages.time.minutes": { one: "{count} min", other: "{count} min" },
    "pages.unit.points": { one: "{count} point", other: "{count} points" },
    "pages.unit.units": { one: "{count} unit", other: "{count} units" },
    "pages.unit.courses": { one: "{count} course", other: "{count} courses" },
    "pages.contest.ends_in": "Ends in {time}",
    "pages.contest.starts_in": "Starts in {time}",
    "pages.contest.grace_left": "Late approvals still count for {time}",
    "pages.contest.gap_next": "{amount} more to move up one place",
    "pages.contest.gap_prize": "{amount} more to reach the prize zone",
    "pages.contest.prize": "Prize",
    "pages.contest.following": "Following this contest",
    "pages.contest.not_eligible": "Your role does not compete in this contest; you can follow the board.",
    "pages.contest.not_eligible_lead":
      "Your role does not compete in this contest. Your own people are shown by name on the board; open a name to see what counted.",
  },
  ru: {
    "pages.time.days": { one: "{count} день", few: "{count} дня", many: "{count} дней", other: "{count} дня" },
    "pages.time.hours": { one: "{count} ч", other: "{count} ч" },
    "pages.time.minutes": { one: "{count} мин", other: "{count} мин" },
    "pages.unit.points": { one: "{count} балл", few: "{count} балла", many: "{count} баллов", other: "{count} балла" },
    "pages.unit.units": { one: "{count} штука", few: "{count} штуки", many: "{count} штук", other: "{count} штуки" },
    "pages.unit.courses": { one: "{count} курс", few: "{count} курса", many: "{count} курсов", other: "{count} курса" },
    "pages.contest.ends_in": "До конца: {time}",
    "pages.contest.starts_in": "До начала: {time}",
    "pages.contest.grace_left": "Поздние подтверждения засчитываются ещё {time}",
    "pages.contest.gap_next": "Ещё {amount}, чтобы подняться на одно место",
    "pages.contest.gap_prize": "Ещё {amount} до призовой зоны",
    "pages.contest.prize": "Приз",
    "pages.contest.following": "Вы следите за конкурсом",
    "pages.contest.not_eligible": "Ваша роль не участвует в этом конкурсе; вы можете следить за таблицей.",
    "pages.contest.not_eligible_lead":
      "Ваша роль не участвует в этом конкурсе. Ваши сотрудники показаны в таблице по именам; откройте имя, чтобы увидеть, что засчитано.",
  },
});
