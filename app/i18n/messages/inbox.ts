import { defineMessages } from "../define";

export default defineMessages({
  en: {
    "inbox.title": "Inbox",
    "inbox.unread": { one: "{count} unread notice", other: "{count} unread notices" },
    "inbox.all_read": "Everything is read.",
    "inbox.mark_all": "Mark all as read",
    "inbox.new": "New",
    "inbox.empty": "Nothing here yet. Decisions on your claims, points, orders and contests will appear here.",
    "inbox.bell_unread": { one: "Inbox, {count} unread notice", other: "Inbox, {count} unread notices" },
  },
  ru: {
    "inbox.title": "Уведомления",
    "inbox.unread": {
      one: "{count} непрочитанное уведомление",
      few: "{count} непрочитанных уведомления",
      many: "{count} непрочитанных уведомлений",
      other: "{count} непрочитанного уведомления",
    },
    "inbox.all_read": "Всё прочитано.",
    "inbox.mark_all": "Отметить все как прочитанные",
    "inbox.new": "Новое",
    "inbox.empty": "Пока ничего нет. Здесь появятся решения по вашим заявкам, баллы, заказы и новости конкурсов.",
    "inbox.bell_unread": {
      one: "Уведомления: {count} непрочитанное",
      few: "Уведомления: {count} непрочитанных",
      many: "Уведомления: {count} непрочитанных",
      other: "Уведомления: {count} непрочитанного",
    },
  },
});
