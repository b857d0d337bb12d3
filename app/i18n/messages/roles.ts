import { defineMessages } from "../define";

/**
 * Partner roles added with issue 19 (influencers of the buying decision): their names and their
 * line in a claim's calculation, in every language here (the older roles' names live in common.ts
 * and the translators' catalogues).
 */
export default defineMessages({
  en: {
    "role.purchasing_manager": "Purchasing manager",
    "role.accountant": "Accountant",
    "claims.calc.role.purchasing_manager": "Purchasing manager role: × {factor}",
    "claims.calc.role.accountant": "Accountant role: × {factor}",
    "roles.influencer_claim_hint":
      "Your role is {role}: you claim your company's purchases. Enter the invoice your company received from its supplier; you earn by your role's rate and the promotions for your role.",
  },
  ru: {
    "role.purchasing_manager": "Менеджер по закупкам",
    "role.accountant": "Бухгалтер",
    "claims.calc.role.purchasing_manager": "Роль «Менеджер по закупкам»: × {factor}",
    "claims.calc.role.accountant": "Роль «Бухгалтер»: × {factor}",
    "roles.influencer_claim_hint":
      "Ваша роль — «{role}»: вы заявляете закупки своей компании. Укажите счёт, который компания получила от поставщика. Баллы начисляются по коэффициенту вашей роли и акциям для неё.",
  },
  lt: {
    "role.purchasing_manager": "Pirkimų vadovas",
    "role.accountant": "Buhalteris",
    "claims.calc.role.purchasing_manager": "Pirkimų vadovo vaidmuo: × {factor}",
    "claims.calc.role.accountant": "Buhalterio vaidmuo: × {factor}",
    "roles.influencer_claim_hint":
      "Jūsų vaidmuo – „{role}“: deklaruojate savo įmonės pirkimus. Įveskite sąskaitą, kurią įmonė gavo iš tiekėjo. Taškus gaunate pagal savo vaidmens koeficientą ir jam skirtas akcijas.",
  },
  hi: {
    "role.purchasing_manager": "क्रय प्रबंधक",
    "role.accountant": "लेखाकार",
    "claims.calc.role.purchasing_manager": "क्रय प्रबंधक भूमिका: × {factor}",
    "claims.calc.role.accountant": "लेखाकार भूमिका: × {factor}",
    "roles.influencer_claim_hint":
      "आपकी भूमिका «{role}» है: आप अपनी कंपनी की खरीद का दावा करते हैं। वह चालान दर्ज करें जो आपकी कंपनी को आपूर्तिकर्ता से मिला। अंक आपकी भूमिका की दर और आपकी भूमिका के प्रचारों से मिलते हैं।",
  },
  fil: {
    "role.purchasing_manager": "Tagapamahala ng Pagbili",
    "role.accountant": "Kontador",
    "claims.calc.role.purchasing_manager": "Role na Tagapamahala ng Pagbili: × {factor}",
    "claims.calc.role.accountant": "Role na Kontador: × {factor}",
    "roles.influencer_claim_hint":
      "Bilang {role}, ang kine-claim mo ay ang mga binili ng iyong kumpanya: ilagay ang invoice na natanggap ng kumpanya mula sa supplier nito. Kumikita ka ayon sa rate ng iyong role at sa mga promosyon para rito.",
  },
});
