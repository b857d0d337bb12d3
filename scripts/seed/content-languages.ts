import { addDays, isoDay } from "../../app/lib/dates";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { courseLessons, courses, products, promotions, quizQuestions, webinars } from "../../db/schema";
import { productCategoryId } from "../../app/domain/claims/products.server";
import { saveTranslations } from "../../app/domain/content/translations.server";

/**
 * Translated demo content (issue 18), saved through the one content mechanism as the editors'
 * language tabs save it: the V18 course (with its lessons and quiz), a webinar, the drills and
 * grinders with their "did you know" tips and categories, and (with the demo's activity) a
 * promotion. Idempotent: a second run rewrites the same rows.
 */
type Texts = Record<"ru" | "lt" | "hi" | "fil", string>;

const COURSE = "Selling the V18 cordless platform";
const COURSE_TEXT: Record<"title" | "description", Texts> = {
  title: {
    ru: "Продажа аккумуляторной платформы V18",
    lt: "Akumuliatorinės V18 platformos pardavimas",
    hi: "V18 कॉर्डलेस प्लेटफ़ॉर्म की बिक्री",
    fil: "Pagbebenta ng V18 cordless platform",
  },
  description: {
    ru: "Один аккумулятор на сорок инструментов: как объяснить систему V18, подобрать комплект под задачу и закрыть продажу с правильным аккумулятором.",
    lt: "Vienas akumuliatorius keturiasdešimčiai įrankių: kaip paaiškinti V18 sistemą, parinkti rinkinį darbui ir užbaigti pardavimą su tinkamu akumuliatoriumi.",
    hi: "चालीस टूल के लिए एक बैटरी: V18 सिस्टम कैसे समझाएँ, काम के लिए सही किट चुनें और सही बैटरी के साथ बिक्री पूरी करें।",
    fil: "Isang baterya para sa apatnapung tool: paano ipaliwanag ang V18 system, itugma ang kit sa trabaho at isara ang benta gamit ang tamang baterya.",
  },
};
const LESSON_TITLES: Record<string, Texts> = {
  "One battery, forty tools": {
    ru: "Один аккумулятор — сорок инструментов",
    lt: "Vienas akumuliatorius – keturiasdešimt įrankių",
    hi: "एक बैटरी, चालीस टूल",
    fil: "Isang baterya, apatnapung tool",
  },
  "Choosing the right battery": {
    ru: "Как выбрать аккумулятор",
    lt: "Kaip pasirinkti tinkamą akumuliatorių",
    hi: "सही बैटरी चुनना",
    fil: "Pagpili ng tamang baterya",
  },
  "Closing with warranty and registration": {
    ru: "Закрытие сделки: гарантия и регистрация",
    lt: "Pardavimo užbaigimas: garantija ir registracija",
    hi: "वारंटी और पंजीकरण के साथ बिक्री पूरी करना",
    fil: "Pagsasara gamit ang warranty at rehistro",
  },
};
const QUESTION_PROMPTS: Record<string, Texts> = {
  "What does a larger Ah rating give the user?": {
    ru: "Что даёт пользователю большая ёмкость в А·ч?",
    lt: "Ką naudotojui duoda didesnė Ah talpa?",
    hi: "बड़ी Ah रेटिंग उपयोगकर्ता को क्या देती है?",
    fil: "Ano ang naibibigay ng mas malaking Ah rating sa gumagamit?",
  },
};
const OPTION_TEXTS: Record<string, Texts> = {
  "More torque": { ru: "Больший крутящий момент", lt: "Didesnį sukimo momentą", hi: "ज़्यादा टॉर्क", fil: "Mas malakas na torque" },
  "Longer runtime": { ru: "Более долгую работу", lt: "Ilgesnį veikimo laiką", hi: "ज़्यादा देर तक चलना", fil: "Mas mahabang runtime" },
  "Faster charging": { ru: "Более быструю зарядку", lt: "Greitesnį įkrovimą", hi: "तेज़ चार्जिंग", fil: "Mas mabilis na pag-charge" },
};

const WEBINAR = "Add-on sales that stick: accessories at the counter";
const WEBINAR_TEXT: Record<"title" | "description", Texts> = {
  title: {
    ru: "Допродажи, которые работают: аксессуары у прилавка",
    lt: "Papildomi pardavimai, kurie veikia: priedai prie prekystalio",
    hi: "टिकने वाली ऐड-ऑन बिक्री: काउंटर पर एक्सेसरी",
    fil: "Add-on na benta na tumatatak: mga accessory sa counter",
  },
  description: {
    ru: "Полотна, биты и второй аккумулятор: что предложить к каждому инструменту и как сказать это одной фразой.",
    lt: "Pjūklai, antgaliai ir antras akumuliatorius: ką pasiūlyti su kiekvienu įrankiu ir kaip tai pasakyti vienu sakiniu.",
    hi: "ब्लेड, बिट और दूसरी बैटरी: हर टूल के साथ क्या पेश करें और इसे एक वाक्य में कैसे कहें।",
    fil: "Mga blade, bit at pangalawang baterya: ano ang ialok sa bawat tool, at paano ito sabihin sa isang pangungusap.",
  },
};

const PRODUCT_TEXT: Record<string, { name: Texts; tip?: Texts }> = {
  "VT-DR18": {
    name: {
      ru: "Аккумуляторная дрель Volta DR18",
      lt: "Volta DR18 akumuliatorinis gręžtuvas",
      hi: "Volta DR18 कॉर्डलेस ड्रिल",
      fil: "Volta DR18 cordless na drill",
    },
    tip: {
      ru: "DR18 работает с любым аккумулятором Volta 18 В, так что старые аккумуляторы ваших клиентов подойдут.",
      lt: "DR18 tinka su kiekvienu Volta 18 V akumuliatoriumi, todėl senieji jūsų klientų akumuliatoriai vis dar tinka.",
      hi: "DR18 हर Volta 18 V बैटरी लेता है, इसलिए आपके ग्राहकों के पुराने पैक भी फ़िट होते हैं।",
      fil: "Tumatanggap ang DR18 ng bawat Volta 18 V na baterya, kaya kasya pa rin ang lumang baterya ng mga customer mo.",
    },
  },
  "VT-HD36": {
    name: {
      ru: "Перфоратор Volta HD36",
      lt: "Volta HD36 smūginis gręžtuvas",
      hi: "Volta HD36 हैमर ड्रिल",
      fil: "Volta HD36 na hammer drill",
    },
    tip: {
      ru: "HD36 сверлит 120 отверстий 16 мм в бетоне на одном заряде.",
      lt: "HD36 vienu įkrovimu išgręžia 120 skylių 16 mm betone.",
      hi: "HD36 एक चार्ज पर कंक्रीट में 16 मिमी के 120 छेद करता है।",
      fil: "Nakakabutas ang HD36 ng 120 na 16 mm na butas sa kongkreto sa isang charge.",
    },
  },
  "VT-AG125": {
    name: {
      ru: "Угловая шлифмашина Volta AG125",
      lt: "Volta AG125 kampinis šlifuoklis",
      hi: "Volta AG125 एंगल ग्राइंडर",
      fil: "Volta AG125 na angle grinder",
    },
    tip: {
      ru: "Тормоз AG125 останавливает диск меньше чем за две секунды — сильный довод для инженеров по технике безопасности.",
      lt: "AG125 stabdys sustabdo diską greičiau nei per dvi sekundes – stiprus argumentas darbų saugos specialistams.",
      hi: "AG125 का ब्रेक डिस्क को दो सेकंड से कम में रोक देता है: साइट सुरक्षा अधिकारियों के लिए मज़बूत बात।",
      fil: "Pinahihinto ng preno ng AG125 ang disc sa loob ng wala pang dalawang segundo: malakas na punto para sa mga safety officer.",
    },
  },
};

const CATEGORY_TEXT: Record<string, Texts> = {
  Drills: { ru: "Дрели", lt: "Gręžtuvai", hi: "ड्रिल", fil: "Mga drill" },
  Grinders: { ru: "Шлифмашины", lt: "Šlifuokliai", hi: "ग्राइंडर", fil: "Mga grinder" },
  Saws: { ru: "Пилы", lt: "Pjūklai", hi: "आरी", fil: "Mga lagari" },
  Batteries: { ru: "Аккумуляторы", lt: "Akumuliatoriai", hi: "बैटरियाँ", fil: "Mga baterya" },
};

const PROMOTION = "Grinder month: double points";
const PROMOTION_TEXT: Texts = {
  ru: "Месяц шлифмашин: двойные баллы",
  lt: "Šlifuoklių mėnuo: dvigubi taškai",
  hi: "ग्राइंडर महीना: दोगुने पॉइंट",
  fil: "Buwan ng grinder: dobleng puntos",
};

const LOCALES = ["ru", "lt", "hi", "fil"] as const;

export async function seedProgrammeTranslations(db: Db, opts: { activity?: boolean } = {}) {
  const [course] = await db.select().from(courses).where(eq(courses.title, COURSE));
  const lessons = course ? await db.select().from(courseLessons).where(eq(courseLessons.courseId, course.id)) : [];
  const questions = course ? await db.select().from(quizQuestions).where(eq(quizQuestions.courseId, course.id)) : [];
  const [webinar] = await db.select().from(webinars).where(eq(webinars.title, WEBINAR));
  const named = await db
    .select()
    .from(products)
    .where(inArray(products.sku, Object.keys(PRODUCT_TEXT)));
  // The promotion is demo activity: tests' point calculations must not meet a running bonus.
  let [promotion] = await db.select().from(promotions).where(eq(promotions.name, PROMOTION));
  if (!promotion && opts.activity) {
    const today = new Date();
    [promotion] = await db
      .insert(promotions)
      .values({
        name: PROMOTION,
        startsOn: isoDay(addDays(today, -3)),
        endsOn: isoDay(addDays(today, 27)),
        scope: "category",
        category: "Grinders",
        percent: 200,
      })
      .returning();
  }
  await db.transaction(async (tx) => {
    for (const locale of LOCALES) {
      if (course) {
        await saveTranslations(
          tx,
          "course",
          course.id,
          locale,
          { title: COURSE_TEXT.title[locale], description: COURSE_TEXT.description[locale] },
          null,
        );
        for (const l of lessons)
          if (LESSON_TITLES[l.title]) await saveTranslations(tx, "lesson", l.id, locale, { title: LESSON_TITLES[l.title][locale] }, null);
        for (const q of questions) {
          if (!QUESTION_PROMPTS[q.prompt]) continue;
          const options = Object.fromEntries(
            q.options.filter((o) => OPTION_TEXTS[o.text]).map((o) => [`option.${o.id}`, OPTION_TEXTS[o.text][locale]]),
          );
          await saveTranslations(tx, "quiz_question", q.id, locale, { prompt: QUESTION_PROMPTS[q.prompt][locale], ...options }, null);
        }
      }
      if (webinar)
        await saveTranslations(
          tx,
          "webinar",
          webinar.id,
          locale,
          { title: WEBINAR_TEXT.title[locale], description: WEBINAR_TEXT.description[locale] },
          null,
        );
      for (const p of named) {
        const text = PRODUCT_TEXT[p.sku];
        await saveTranslations(
          tx,
          "product",
          p.id,
          locale,
          { name: text.name[locale], ...(text.tip && p.tip ? { tip: text.tip[locale] } : {}) },
          null,
        );
      }
      for (const [category, text] of Object.entries(CATEGORY_TEXT))
        await saveTranslations(tx, "product_category", productCategoryId(category), locale, { name: text[locale] }, null);
      if (promotion) await saveTranslations(tx, "promotion", promotion.id, locale, { name: PROMOTION_TEXT[locale] }, null);
    }
  });
}
