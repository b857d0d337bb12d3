import { defineMessages } from "../define";

// The plain pages the HTTP server answers with before or instead of React Router (app/server/http.ts):
// a refused request, a database outage, an unexpected failure.
export default defineMessages({
  en: {
    "http.too_large.title": "Too much data",
    "http.too_large.body": "The request was larger than {size} and was not read. Send a smaller file or shorter text.",
    "http.bad_request.title": "Request not understood",
    "http.bad_request.body": "The address or the request could not be read. Go back and try again.",
    "http.unavailable.title": "Temporarily unavailable",
    "http.unavailable.body": "The portal cannot reach its database just now. Nothing you entered was saved; please try again in a minute.",
    "http.unexpected.title": "Something went wrong",
    "http.unexpected.body": "We could not answer this request. Nothing you entered was lost; please try again in a moment.",
    "http.reference": "Reference for support: {ref}",
    "http.back_home": "Back to home",
  },
  ru: {
    "http.too_large.title": "Слишком много данных",
    "http.too_large.body": "Запрос больше {size}, поэтому он не был прочитан. Отправьте файл поменьше или текст покороче.",
    "http.bad_request.title": "Запрос не распознан",
    "http.bad_request.body": "Не удалось прочитать адрес или запрос. Вернитесь назад и попробуйте ещё раз.",
    "http.unavailable.title": "Временно недоступно",
    "http.unavailable.body":
      "Портал сейчас не может связаться с базой данных. Введённые данные не сохранены; попробуйте ещё раз через минуту.",
    "http.unexpected.title": "Что-то пошло не так",
    "http.unexpected.body": "Не удалось ответить на запрос. Введённые данные не потеряны; попробуйте ещё раз чуть позже.",
    "http.reference": "Номер для службы поддержки: {ref}",
    "http.back_home": "На главную",
  },
});
