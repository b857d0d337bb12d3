import { defineMessages } from "../define";

// Shared parts of every page: the message bar, counts on the navigation, tables as cards, the
// error summary, page titles, and the channel manager's review on a phone.
export default defineMessages({
  en: {
    "ui.message.close": "Close message",
    "ui.count.cart": { one: "{count} item in the cart", other: "{count} items in the cart" },
    "ui.count.waiting": { one: "{count} claim waiting", other: "{count} claims waiting" },
    "ui.table.actions": "Actions",
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
  },
});
