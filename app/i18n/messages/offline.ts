import { defineMessages } from "../define";

// The installed app (manifest), the connection banner in the shell and the page the phone shows
// when it has no connection and no saved copy of the page asked for.
export default defineMessages({
  en: {
    "offline.manifest.short_name": "Portal",
    "offline.manifest.description": "Claim points for sales, learn, follow contests and spend points on rewards.",
    "offline.banner.label": "Connection",
    "offline.banner.offline": "You are offline.",
    "offline.banner.no_answer": "The connection is not answering.",
    "offline.banner.back_online": "You are back online.",
    "offline.banner.saved_copy": "Saved copy from {time}.",
    "offline.banner.pages_work": "Pages you opened before still open; changes wait for the connection.",
    "offline.banner.held": "Not sent: there is no connection. What you entered is still here; send it again when you are back online.",
    "offline.banner.retry": "Try again",
    "offline.page.title": "You are offline",
    "offline.page.lead": "This page is not saved on this phone yet, so it needs a connection.",
    "offline.page.works_title": "What still works",
    "offline.page.works_saved": "Pages you opened recently on this phone open from their saved copy, with a note saying when it was saved.",
    "offline.page.works_forms":
      "What you type into a form stays on the screen until you can send it: nothing is sent half-way and nothing is lost.",
    "offline.page.needs_title": "What needs a connection",
    "offline.page.needs":
      "Pages you have not opened yet, and anything that changes data: sending a claim, spending points, saving your profile.",
    "offline.page.saved_list": "Saved on this phone",
    "offline.page.retry": "Try again",
    "offline.page.home": "Go to Home",
    "offline.page.auto": "This page reloads by itself when the connection is back.",
  },
  ru: {
    "offline.manifest.short_name": "Портал",
    "offline.manifest.description": "Баллы за продажи, обучение, конкурсы продавцов и магазин наград.",
    "offline.banner.label": "Связь",
    "offline.banner.offline": "Нет подключения к интернету.",
    "offline.banner.no_answer": "Сеть не отвечает.",
    "offline.banner.back_online": "Связь снова есть.",
    "offline.banner.saved_copy": "Сохранённая копия от {time}.",
    "offline.banner.pages_work": "Страницы, которые вы уже открывали, по-прежнему открываются; изменения подождут связи.",
    "offline.banner.held": "Не отправлено: нет связи. Всё, что вы ввели, осталось на месте; отправьте ещё раз, когда связь появится.",
    "offline.banner.retry": "Повторить",
    "offline.page.title": "Нет подключения",
    "offline.page.lead": "Эта страница ещё не сохранена на телефоне, поэтому для неё нужна связь.",
    "offline.page.works_title": "Что работает без связи",
    "offline.page.works_saved":
      "Страницы, которые вы недавно открывали на этом телефоне, открываются из сохранённой копии с пометкой, когда она сохранена.",
    "offline.page.works_forms":
      "То, что вы ввели в форму, остаётся на экране, пока её нельзя отправить: ничего не уходит наполовину и ничего не теряется.",
    "offline.page.needs_title": "Для чего нужна связь",
    "offline.page.needs":
      "Для страниц, которые вы ещё не открывали, и для всего, что меняет данные: отправки заявки, траты баллов, сохранения профиля.",
    "offline.page.saved_list": "Сохранено на этом телефоне",
    "offline.page.retry": "Повторить",
    "offline.page.home": "На главную",
    "offline.page.auto": "Страница обновится сама, когда связь появится.",
  },
});
