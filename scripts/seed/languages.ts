import { eq, inArray, sql } from "drizzle-orm";
import { acceptForDemo } from "../../app/domain/enrolment/participation.server";
import type { Db } from "../../db/client";
import { organisations, outlets, rewards, shopCategories, users } from "../../db/schema";
import type { Locale, Role } from "../../db/schema/enums";
import { saveTranslations } from "../../app/domain/content/translations.server";
import { hashPassword } from "../../app/lib/password.server";
import { DEMO_PASSWORD } from "./foundation";

/**
 * The programme in every market's language (issue 18): the hobby categories and the demo rewards
 * named in Lithuanian, Hindi and Filipino (Russian comes with the catalogue), saved through the
 * one content mechanism as the team's language tabs save them. Idempotent.
 */
type Names = Record<"lt" | "hi" | "fil", string>;

const CATEGORY_NAMES: Record<string, Names> = {
  fishing: { lt: "Žvejyba", hi: "मछली पकड़ना", fil: "Pangingisda" },
  gardening: { lt: "Sodininkystė", hi: "बागवानी", fil: "Paghahalaman" },
  travel: { lt: "Kelionės", hi: "यात्रा", fil: "Paglalakbay" },
  sports: { lt: "Sportas", hi: "खेल", fil: "Palakasan" },
  cars: { lt: "Automobiliai", hi: "कारें", fil: "Mga sasakyan" },
  cooking: { lt: "Kulinarija", hi: "खाना पकाना", fil: "Pagluluto" },
  photography: { lt: "Fotografija", hi: "फ़ोटोग्राफ़ी", fil: "Potograpiya" },
  "home-diy": { lt: "Namai ir meistravimas", hi: "घर और मरम्मत", fil: "Bahay at pagkukumpuni" },
  gaming: { lt: "Žaidimai", hi: "गेमिंग", fil: "Mga laro" },
  kids: { lt: "Vaikams", hi: "बच्चों के लिए", fil: "Para sa mga bata" },
};

const REWARD_NAMES: Record<string, Names> = {
  "carbon-rod": {
    lt: "Teleskopinė anglies pluošto meškerė, 3,6 m",
    hi: "टेलीस्कोपिक कार्बन फिशिंग रॉड, 3.6 मी",
    fil: "Teleskopikong carbon na pamingwit, 3.6 m",
  },
  "tackle-box": { lt: "Reikmenų dėžė su 120 masalų", hi: "120 चारे वाला टैकल बॉक्स", fil: "Tackle box na may 120 pain" },
  "fishing-jacket": {
    lt: "Neperšlampama žvejo striukė",
    hi: "वॉटरप्रूफ़ फिशिंग जैकेट",
    fil: "Hindi tinatablan ng tubig na jacket sa pangingisda",
  },
  "winter-fishing-set": { lt: "Žieminės žūklės rinkinys", hi: "सर्दियों की मछली पकड़ने का सेट", fil: "Set para sa pangingisda sa taglamig" },
  "hedge-trimmer": {
    lt: "Volta 18 V akumuliatorinės gyvatvorių žirklės",
    hi: "Volta 18 V कॉर्डलेस हेज ट्रिमर",
    fil: "Volta 18 V cordless na panggupit ng halamang-bakod",
  },
  "raised-bed": { lt: "Pakeltos lysvės rinkinys", hi: "ऊँची क्यारी किट", fil: "Kit ng nakaangat na taniman" },
  "herb-seeds": {
    lt: "Prieskoninių žolelių sėklų rinkinys (12 rūšių)",
    hi: "जड़ी-बूटी बीज संग्रह (12 किस्में)",
    fil: "Koleksiyon ng binhi ng halamang-gamot (12 uri)",
  },
  "cabin-suitcase": { lt: "Rankinio bagažo lagaminas, 55 cm", hi: "केबिन सूटकेस 55 सेमी", fil: "Cabin na maleta, 55 cm" },
  "hotel-weekend": {
    lt: "Savaitgalis viešbutyje dviem (kuponas)",
    hi: "दो लोगों के लिए होटल वीकेंड (वाउचर)",
    fil: "Weekend sa hotel para sa dalawa (voucher)",
  },
  "neck-pillow": { lt: "Kelioninė pagalvė ir akių kaukė", hi: "ट्रैवल तकिया और आई मास्क", fil: "Unan sa biyahe at pantakip sa mata" },
  "fitness-watch": { lt: "Sportinis laikrodis su GPS", hi: "GPS फ़िटनेस घड़ी", fil: "GPS na relo para sa fitness" },
  "running-voucher": { lt: "Bėgimo batelių kuponas, 60 EUR", hi: "रनिंग शूज़ वाउचर, 60 EUR", fil: "Voucher para sa sapatos pantakbo, 60 EUR" },
  football: { lt: "Futbolo kamuolys, 5 dydis", hi: "मैच फ़ुटबॉल, साइज़ 5", fil: "Bola ng football, size 5" },
  "golf-day": { lt: "Golfo diena su Volta komanda", hi: "Volta टीम के साथ गोल्फ़ का दिन", fil: "Araw ng golf kasama ang Volta team" },
  "dash-cam": { lt: "Vaizdo registratorius 1440p", hi: "डैश कैमरा 1440p", fil: "Dash camera 1440p" },
  "car-care": { lt: "Automobilio priežiūros rinkinys", hi: "कार केयर किट", fil: "Kit sa pag-aalaga ng sasakyan" },
  "tyre-inflator": {
    lt: "Akumuliatorinis padangų pripūtimo kompresorius",
    hi: "कॉर्डलेस टायर इन्फ्लेटर",
    fil: "Cordless na pambomba ng gulong",
  },
  casserole: { lt: "Ketaus puodas, 5 l", hi: "कास्ट-आयरन कैसरोल, 5 ली", fil: "Kaserolang cast-iron, 5 l" },
  "knife-set": { lt: "Virėjo peilių rinkinys", hi: "शेफ़ चाकू सेट", fil: "Set ng kutsilyo ng chef" },
  "cooking-class": { lt: "Internetinė kulinarijos pamoka", hi: "ऑनलाइन कुकिंग क्लास", fil: "Online na klase sa pagluluto" },
  tripod: { lt: "Kompaktiškas kelioninis trikojis", hi: "कॉम्पैक्ट ट्रैवल ट्राइपॉड", fil: "Compact na tripod pambiyahe" },
  "photo-book": { lt: "Fotoknygos kuponas", hi: "फ़ोटो बुक वाउचर", fil: "Voucher para sa photo book" },
  "instant-camera": { lt: "Momentinės nuotraukos fotoaparatas", hi: "इंस्टेंट कैमरा", fil: "Instant na kamera" },
  "drill-driver": {
    lt: "Volta 18 V gręžtuvo-suktuvo rinkinys",
    hi: "Volta 18 V ड्रिल ड्राइवर किट",
    fil: "Volta 18 V na kit ng drill driver",
  },
  "laser-meter": { lt: "Lazerinis atstumo matuoklis, 40 m", hi: "लेज़र दूरी मीटर, 40 मी", fil: "Laser na panukat ng layo, 40 m" },
  "workshop-apron": { lt: "Drobinė dirbtuvių prijuostė", hi: "कैनवास वर्कशॉप एप्रन", fil: "Canvas na apron sa talyer" },
  controller: { lt: "Belaidis žaidimų valdiklis", hi: "वायरलेस गेम कंट्रोलर", fil: "Wireless na game controller" },
  "game-card": {
    lt: "Žaidimų parduotuvės dovanų kortelė, 25 EUR",
    hi: "गेम स्टोर गिफ़्ट कार्ड, 25 EUR",
    fil: "Gift card sa game store, 25 EUR",
  },
  headset: { lt: "Žaidimų ausinės", hi: "गेमिंग हेडसेट", fil: "Gaming headset" },
  "robot-kit": { lt: "Roboto konstravimo rinkinys", hi: "अपना रोबोट बनाइए किट", fil: "Kit sa pagbuo ng sariling robot" },
  "bike-helmet": { lt: "Vaikiškas dviratininko šalmas", hi: "बच्चों का साइकिल हेलमेट", fil: "Helmet sa bisikleta para sa bata" },
  "board-games": { lt: "Šeimos stalo žaidimų rinkinys", hi: "पारिवारिक बोर्ड गेम पैक", fil: "Pakete ng board game para sa pamilya" },
};

/** Hobby categories and demo rewards in Lithuanian, Hindi and Filipino. */
export async function seedContentTranslations(db: Db) {
  const categories = await db
    .select({ id: shopCategories.id, slug: shopCategories.slug })
    .from(shopCategories)
    .where(inArray(shopCategories.slug, Object.keys(CATEGORY_NAMES)));
  const demo = await db
    .select({ id: rewards.id, key: rewards.seedKey })
    .from(rewards)
    .where(inArray(rewards.seedKey, Object.keys(REWARD_NAMES)));
  await db.transaction(async (tx) => {
    for (const locale of ["lt", "hi", "fil"] as const) {
      for (const c of categories) await saveTranslations(tx, "shop_category", c.id, locale, { name: CATEGORY_NAMES[c.slug][locale] }, null);
      for (const r of demo) if (r.key) await saveTranslations(tx, "reward", r.id, locale, { name: REWARD_NAMES[r.key][locale] }, null);
    }
  });
}

/** A partner in each new market, with people who read the portal in their own language. */
const MARKETS: Array<{
  name: string;
  region: string;
  timeZone: string;
  domain: string;
  outlet: { name: string; address: string; city: string; postalCode: string; country: string };
  people: Array<{ name: string; role: Role; local: string; locale: Locale }>;
}> = [
  {
    name: "Kauno įrankiai",
    region: "Baltics",
    timeZone: "Europe/Vilnius",
    domain: "kaunoirankiai.example",
    outlet: { name: "Kauno parduotuvė", address: "Savanorių pr. 255", city: "Kaunas", postalCode: "50185", country: "Lietuva" },
    people: [
      { name: "Gintarė Kazlauskienė", role: "executive", local: "gintare", locale: "lt" },
      { name: "Mantas Jonaitis", role: "salesperson", local: "mantas", locale: "lt" },
    ],
  },
  {
    name: "Mumbai Power Tools",
    region: "India West",
    timeZone: "Asia/Kolkata",
    domain: "mumbaipowertools.example",
    outlet: { name: "अंधेरी शोरूम", address: "Andheri Kurla Road 112", city: "Mumbai", postalCode: "400059", country: "India" },
    people: [
      { name: "Priya Sharma", role: "executive", local: "priya", locale: "hi" },
      { name: "Rahul Verma", role: "salesperson", local: "rahul", locale: "hi" },
    ],
  },
  {
    name: "Manila Hardware Supply",
    region: "Philippines",
    timeZone: "Asia/Manila",
    domain: "manilahardware.example",
    outlet: { name: "Quezon City branch", address: "123 EDSA", city: "Quezon City", postalCode: "1100", country: "Philippines" },
    people: [
      { name: "Maria Santos", role: "executive", local: "maria", locale: "fil" },
      { name: "Jose Reyes", role: "salesperson", local: "jose", locale: "fil" },
    ],
  },
];

/** The three markets' partners and people (demo only: tests count the base partners). Idempotent. */
export async function seedMarkets(db: Db) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const m of MARKETS) {
    const [existing] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, m.name));
    if (existing) continue;
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into region_time_zones (region, time_zone) values (${m.region}, ${m.timeZone}) on conflict do nothing`);
      const [org] = await tx.insert(organisations).values({ name: m.name, kind: "dealer", region: m.region, tier: "silver" }).returning();
      await tx.insert(outlets).values({ organisationId: org.id, ...m.outlet });
      await acceptForDemo(tx, org.id);
      await tx.insert(users).values(
        m.people.map((p) => ({
          organisationId: org.id,
          email: `${p.local}@${m.domain}`,
          name: p.name,
          role: p.role,
          locale: p.locale,
          status: "active" as const,
          passwordHash,
          activatedAt: new Date(),
        })),
      );
    });
  }
}
