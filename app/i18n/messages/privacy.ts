import { defineMessages } from "../define";

/** Personal data: downloading one's own, and erasing a person on request. */
export default defineMessages({
  en: {
    "privacy.my_data.title": "Your data",
    "privacy.my_data.body":
      "Download everything the portal keeps about you — profile, claims, points, orders, training and email settings — as one file.",
    "privacy.my_data.download": "Download my data",
    "privacy.erase.action": "Erase…",
    "privacy.erase.title": "Erase {name}",
    "privacy.erase.intro":
      "Use this when the person asks to be forgotten. Their name and email are replaced by a placeholder, their password, sessions, links, preferences, inbox, wish list and delivery addresses are removed, and they can no longer sign in.",
    "privacy.erase.kept":
      "Points, contest results, claims with their invoices, orders and the audit log stay, unchanged, under the placeholder: team totals and boards do not move. This cannot be undone.",
    "privacy.erase.reason": "Reason (for the audit log)",
    "privacy.erase.confirm": "Type ERASE to confirm",
    "privacy.errors.confirm": "Type ERASE in capitals to confirm.",
    "privacy.erase.submit": "Erase this person",
    "privacy.erase.cancel": "Back to the organisation",
    "privacy.erase.already": "This person has already been erased.",
    "privacy.erase.open_orders": "This person has a parcel that is not delivered yet. Deliver or cancel it first, then erase.",
  },
  ru: {
    "privacy.my_data.title": "Ваши данные",
    "privacy.my_data.body":
      "Скачайте одним файлом всё, что портал хранит о вас: профиль, заявки, баллы, заказы, обучение и настройки писем.",
    "privacy.my_data.download": "Скачать мои данные",
    "privacy.erase.action": "Удалить данные…",
    "privacy.erase.title": "Удалить данные: {name}",
    "privacy.erase.intro":
      "Используйте, когда человек просит удалить его данные. Имя и почта заменяются заглушкой, пароль, сеансы, ссылки, настройки, уведомления, список желаний и адреса доставки удаляются, войти он больше не сможет.",
    "privacy.erase.kept":
      "Баллы, итоги конкурсов, заявки со счетами, заказы и журнал действий остаются без изменений под заглушкой: итоги команды и рейтинги не меняются. Отменить это нельзя.",
    "privacy.erase.reason": "Причина (для журнала действий)",
    "privacy.erase.confirm": "Введите ERASE для подтверждения",
    "privacy.errors.confirm": "Для подтверждения введите ERASE заглавными буквами.",
    "privacy.erase.submit": "Удалить данные человека",
    "privacy.erase.cancel": "Назад к организации",
    "privacy.erase.already": "Данные этого человека уже удалены.",
    "privacy.erase.open_orders": "У этого человека есть недоставленная посылка. Сначала доставьте или отмените её.",
  },
});
