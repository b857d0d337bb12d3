import { defineMessages } from "../define";

/** Links under long lists that come a page at a time (issue 17: review queue, shop, team points). */
export default defineMessages({
  en: {
    "paging.nav": "More results",
    "paging.next": "Next page",
    "paging.first": "Back to the first page",
    "paging.show_more": "Show more",
    "paging.see_all_in": "{category}: see all ({count})",
  },
  ru: {
    "paging.nav": "Другие результаты",
    "paging.next": "Следующая страница",
    "paging.first": "К первой странице",
    "paging.show_more": "Показать ещё",
    "paging.see_all_in": "{category}: показать все ({count})",
  },
  lt: {
    "paging.nav": "Daugiau rezultatų",
    "paging.next": "Kitas puslapis",
    "paging.first": "Grįžti į pirmą puslapį",
    "paging.show_more": "Rodyti daugiau",
    "paging.see_all_in": "{category}: žiūrėti visus ({count})",
  },
  hi: {
    "paging.nav": "और परिणाम",
    "paging.next": "अगला पेज",
    "paging.first": "पहले पेज पर लौटें",
    "paging.show_more": "और दिखाएँ",
    "paging.see_all_in": "{category}: सभी देखें ({count})",
  },
  fil: {
    "paging.nav": "Iba pang resulta",
    "paging.next": "Susunod na pahina",
    "paging.first": "Bumalik sa unang pahina",
    "paging.show_more": "Magpakita pa",
    "paging.see_all_in": "{category}: tingnan lahat ({count})",
  },
});
