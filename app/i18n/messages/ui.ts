import { defineMessages } from "../define";

// Shared parts of every page: the message bar, counts on the navigation, tables as cards, the
// error summary, page titles, and the channel manager's review on a phone.
export default defineMessages({
  en: {
    "ui.message.close": "Close message",
    "ui.count.cart": { one: "{count} item in the cart", other: "{count} items in the cart" },
    "ui.count.waiting": { one: "{count} claim waiting", other: "{count} claims waiting" },
    "ui.table.actions": "Actions",
    "ui.evidence.count": { one: "{count} attachment", other: "{count} attachments" },
    "ui.evidence.nth": "Attachment {n}",
    "ui.evidence.zoom_in": "Zoom in",
    "ui.evidence.zoom_out": "Zoom out",
    "ui.review.waiting_under_a_day": "waiting less than a day",
    "ui.review.info_asked_by_reviewer": "Question sent to the claimant:",
    "ui.review.approve": "Approve",
    "ui.review.ask": "Ask",
    "ui.review.approve_confirm": {
      one: "Approve claim {number} and credit {count} point to the claimant?",
      other: "Approve claim {number} and credit {count} points to the claimant?",
    },
    "ui.review.done_next.approved": {
      one: "Claim {number} approved, {count} point credited. This is the next claim.",
      other: "Claim {number} approved, {count} points credited. This is the next claim.",
    },
    "ui.review.done_next.rejected": "Claim {number} rejected. This is the next claim.",
    "ui.review.done_next.info_requested": "Your question on claim {number} was sent. This is the next claim.",
    "ui.review.done_last.approved": {
      one: "Claim {number} approved, {count} point credited. No claims are waiting.",
      other: "Claim {number} approved, {count} points credited. No claims are waiting.",
    },
    "ui.review.done_last.rejected": "Claim {number} rejected. No claims are waiting.",
    "ui.review.done_last.info_requested": "Your question on claim {number} was sent. No claims are waiting.",
    "ui.review.back_to_queue": "Queue",
  },
  ru: {
    "ui.message.close": "Закрыть сообщение",
    "ui.count.cart": {
      one: "{count} товар в корзине",
      few: "{count} товара в корзине",
      many: "{count} товаров в корзине",
      other: "{count} товара в корзине",
    },
    "ui.count.waiting": {
      one: "{count} заявка ждёт",
      few: "{count} заявки ждут",
      many: "{count} заявок ждут",
      other: "{count} заявки ждут",
    },
    "ui.table.actions": "Действия",
    "ui.evidence.count": { one: "{count} вложение", few: "{count} вложения", many: "{count} вложений", other: "{count} вложения" },
    "ui.evidence.nth": "Вложение {n}",
    "ui.evidence.zoom_in": "Увеличить",
    "ui.evidence.zoom_out": "Уменьшить",
    "ui.review.waiting_under_a_day": "ждёт меньше суток",
    "ui.review.info_asked_by_reviewer": "Вопрос автору заявки:",
    "ui.review.approve": "Одобрить",
    "ui.review.ask": "Спросить",
    "ui.review.approve_confirm": {
      one: "Одобрить заявку {number} и начислить автору {count} балл?",
      few: "Одобрить заявку {number} и начислить автору {count} балла?",
      many: "Одобрить заявку {number} и начислить автору {count} баллов?",
      other: "Одобрить заявку {number} и начислить автору {count} балла?",
    },
    "ui.review.done_next.approved": {
      one: "Заявка {number} одобрена, начислен {count} балл. Это следующая заявка.",
      few: "Заявка {number} одобрена, начислено {count} балла. Это следующая заявка.",
      many: "Заявка {number} одобрена, начислено {count} баллов. Это следующая заявка.",
      other: "Заявка {number} одобрена, начислено {count} балла. Это следующая заявка.",
    },
    "ui.review.done_next.rejected": "Заявка {number} отклонена. Это следующая заявка.",
    "ui.review.done_next.info_requested": "Ваш вопрос по заявке {number} отправлен. Это следующая заявка.",
    "ui.review.done_last.approved": {
      one: "Заявка {number} одобрена, начислен {count} балл. Других заявок в очереди нет.",
      few: "Заявка {number} одобрена, начислено {count} балла. Других заявок в очереди нет.",
      many: "Заявка {number} одобрена, начислено {count} баллов. Других заявок в очереди нет.",
      other: "Заявка {number} одобрена, начислено {count} балла. Других заявок в очереди нет.",
    },
    "ui.review.done_last.rejected": "Заявка {number} отклонена. Других заявок в очереди нет.",
    "ui.review.done_last.info_requested": "Ваш вопрос по заявке {number} отправлен. Других заявок в очереди нет.",
    "ui.review.back_to_queue": "К очереди",
  },
});
