import { defineMessages } from "../define";

/** Outlets on people and claims (issue 19): the team page, the claim form, the per-outlet report. */
export default defineMessages({
  en: {
    "outlets.report.person_note":
      "Earned: sales, training, prizes and welcome points. Spent: rewards ordered. Adjustments and expiry are not counted.",
    "outlets.person_outlet": "Outlet",
    "outlets.person_outlet_of": "Outlet of {name}",
    "outlets.none": "No outlet",
    "outlets.done.set": "Outlet saved.",
    "outlets.errors.not_yours": "Choose one of your partner's outlets.",
    "outlets.claim.outlet": "Outlet of the sale",
    "outlets.claim.hint": "Where you made the sale; your own outlet unless you choose another.",
    "outlets.report.title": "Per outlet",
    "outlets.report.note":
      "Points by where the earner works now; units by the outlet each claim names. Rejected claims and drafts are left out.",
  },
  ru: {
    "outlets.report.person_note":
      "Начислено: продажи, обучение, призы и приветственные баллы. Потрачено: заказанные подарки. Корректировки и сгорание не учитываются.",
    "outlets.person_outlet": "Торговая точка",
    "outlets.person_outlet_of": "Торговая точка: {name}",
    "outlets.none": "Без торговой точки",
    "outlets.done.set": "Торговая точка сохранена.",
    "outlets.errors.not_yours": "Выберите одну из торговых точек вашего партнёра.",
    "outlets.claim.outlet": "Торговая точка продажи",
    "outlets.claim.hint": "Где была продажа; ваша точка, если не выбрать другую.",
    "outlets.report.title": "По торговым точкам",
    "outlets.report.note":
      "Баллы — по точке, где сотрудник работает сейчас; штуки — по точке, указанной в заявке. Отклонённые заявки и черновики не учитываются.",
  },
  lt: {
    "outlets.report.person_note":
      "Uždirbta: pardavimai, mokymai, prizai ir sveikinimo taškai. Išleista: užsakyti prizai. Koregavimai ir nebegaliojantys taškai neįskaičiuojami.",
    "outlets.person_outlet": "Prekybos vieta",
    "outlets.person_outlet_of": "{name} prekybos vieta",
    "outlets.none": "Be prekybos vietos",
    "outlets.done.set": "Prekybos vieta išsaugota.",
    "outlets.errors.not_yours": "Pasirinkite vieną iš savo partnerio prekybos vietų.",
    "outlets.claim.outlet": "Pardavimo vieta",
    "outlets.claim.hint": "Kur pardavėte; jūsų prekybos vieta, jei nepasirinksite kitos.",
    "outlets.report.title": "Pagal prekybos vietas",
    "outlets.report.note":
      "Taškai pagal vietą, kurioje uždirbęs asmuo dirba dabar; vienetai pagal prašyme nurodytą vietą. Atmesti prašymai ir juodraščiai neįtraukiami.",
  },
  hi: {
    "outlets.report.person_note": "कमाए: बिक्री, ट्रेनिंग, इनाम और वेलकम पॉइंट्स। खर्च किए: ऑर्डर किए गए रिवॉर्ड। एडजस्टमेंट और एक्सपायरी नहीं गिने जाते।",
    "outlets.person_outlet": "आउटलेट",
    "outlets.person_outlet_of": "{name} का आउटलेट",
    "outlets.none": "कोई आउटलेट नहीं",
    "outlets.done.set": "आउटलेट सहेजा गया।",
    "outlets.errors.not_yours": "अपने पार्टनर के आउटलेट में से एक चुनें।",
    "outlets.claim.outlet": "बिक्री का आउटलेट",
    "outlets.claim.hint": "जहाँ आपने बिक्री की; जब तक आप दूसरा न चुनें, आपका अपना आउटलेट।",
    "outlets.report.title": "आउटलेट के अनुसार",
    "outlets.report.note": "पॉइंट्स कमाने वाले के मौजूदा आउटलेट के अनुसार; यूनिट्स क्लेम में दर्ज आउटलेट के अनुसार। अस्वीकृत क्लेम और ड्राफ़्ट शामिल नहीं हैं।",
  },
  fil: {
    "outlets.report.person_note":
      "Kinita: benta, training, premyo at welcome points. Ginastos: mga in-order na reward. Hindi binibilang ang mga adjustment at expiry.",
    "outlets.person_outlet": "Outlet na pinagtatrabahuhan",
    "outlets.person_outlet_of": "Outlet ni {name}",
    "outlets.none": "Walang outlet",
    "outlets.done.set": "Na-save ang outlet.",
    "outlets.errors.not_yours": "Pumili ng isa sa mga outlet ng iyong partner.",
    "outlets.claim.outlet": "Outlet ng benta",
    "outlets.claim.hint": "Kung saan ka nakabenta; ang sarili mong outlet maliban kung pumili ka ng iba.",
    "outlets.report.title": "Bawat outlet",
    "outlets.report.note":
      "Ang puntos ay ayon sa outlet kung saan nagtatrabaho ngayon ang kumita; ang mga unit ay ayon sa outlet na nakasaad sa claim. Hindi kasama ang mga tinanggihang claim at draft.",
  },
});
